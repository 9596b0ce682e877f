using System.Collections.Generic;
using System.IO;
using Panel.Migrations.Backups;

namespace Panel.Migrations.Cli.Backups;

/// <summary>The backups of the command line: the automatic one's options for the pipeline, and backups taken by hand.</summary>
internal static class BackupService
{
    /// <summary>The live SQLite file, or an error for other databases.</summary>
    public static string RequireSqliteFile(CommandContext context, string command)
    {
        var uri = context.Settings.DatabaseUri;
        return uri.Kind == DatabaseKind.Sqlite && uri.SqliteFilePath is not null
            ? uri.SqliteFilePath
            : throw new CommandLineException(
                $"'{command}' works on SQLite files only, and the database is {uri}. For PostgreSQL use pg_dump/pg_restore; for MySQL or MariaDB, mysqldump.");
    }

    /// <summary>The automatic backup the command line's <see cref="BackupPolicy"/> asks the pipeline for, or null.</summary>
    public static BackupOptions? Automatic(CommandContext context) => Automatic(context, context.Settings.Environment);

    /// <summary>As <see cref="Automatic(CommandContext)"/> in <paramref name="environment"/> (a fleet has no one DATABASE_URI to resolve it from).</summary>
    public static BackupOptions? Automatic(CommandContext context, MigrationEnvironment environment) =>
        BackupOptions.For(context.Options.AutomaticBackups, environment, ConfiguredFolder(context), context.Options.BackupRetention) is { } backup
            ? backup with { Clock = context.Clock }
            : null;

    /// <summary>The backups folder of <paramref name="databaseFile"/>.</summary>
    public static BackupFolder Folder(CommandContext context, string databaseFile) =>
        AutomaticBackup.FolderFor(new BackupOptions { Folder = ConfiguredFolder(context) }, databaseFile);

    private static string? ConfiguredFolder(CommandContext context) =>
        context.Options.BackupFolder is { } folder ? Path.GetFullPath(folder, context.BaseDirectory) : null;

    /// <summary>Backs the live file up into the backups folder (or <paramref name="output"/>), prints the path, prunes old ones; returns the path.</summary>
    public static string Take(CommandContext context, string databaseFile, string? output = null)
    {
        if (!File.Exists(databaseFile))
        {
            throw new CommandLineException($"There is no database file at {databaseFile} to back up. Check DATABASE_URI and ENVIRONMENT.");
        }

        var versionTable = context.MigrationOptions.VersionTable;
        string destination;
        IReadOnlyList<string> heads;
        if (output is null)
        {
            (destination, heads) = Folder(context, databaseFile).Take(databaseFile, context.Clock.GetLocalNow(), versionTable, context.Options.BackupRetention);
        }
        else
        {
            destination = Path.GetFullPath(output, context.BaseDirectory);
            if (File.Exists(destination))
            {
                throw new CommandLineException($"The file {destination} already exists; choose another --output, or remove it first.");
            }

            heads = SqliteBackup.Copy(databaseFile, destination, versionTable);
        }

        context.Line(Announce(destination, heads));
        return destination;
    }

    /// <summary>The line that says where a backup went.</summary>
    public static string Announce(string path, IReadOnlyList<string> heads) => $"Backup: {path} (at {Describe(heads)}, integrity check ok)";

    public static string Describe(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(", ", heads);
}
