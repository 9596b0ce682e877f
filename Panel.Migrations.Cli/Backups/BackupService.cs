using System;
using System.Collections.Generic;
using System.IO;

namespace Panel.Migrations.Cli.Backups;

/// <summary>The backups of one command: where they go, when they are taken, and how they are reported.</summary>
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

    /// <summary>The backups folder: the configured one, or <c>backups</c> next to the database file (<c>data/backups</c> for <c>data/default.db</c>).</summary>
    public static BackupFolder Folder(CommandContext context, string databaseFile) =>
        new(context.Options.BackupFolder is { } configured
            ? Path.GetFullPath(configured, context.BaseDirectory)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "backups"));

    /// <summary>Whether upgrade/downgrade should back up before changing the database.</summary>
    public static bool AutomaticWanted(CommandContext context, bool noBackup)
    {
        if (noBackup || context.Options.AutomaticBackups == BackupPolicy.Never)
        {
            return false;
        }

        if (context.Options.AutomaticBackups == BackupPolicy.ProductionOnly && context.Settings.Environment != MigrationEnvironment.Production)
        {
            return false;
        }

        var uri = context.Settings.DatabaseUri;
        return uri.Kind == DatabaseKind.Sqlite && uri.SqliteFilePath is not null && new FileInfo(uri.SqliteFilePath).Length > 0;
    }

    /// <summary>Backs the live file up into the backups folder (or <paramref name="output"/>), prints the path, prunes old ones; returns the path.</summary>
    public static string Take(CommandContext context, string databaseFile, string? output = null)
    {
        if (!File.Exists(databaseFile))
        {
            throw new CommandLineException($"There is no database file at {databaseFile} to back up. Check DATABASE_URI and ENVIRONMENT.");
        }

        var folder = Folder(context, databaseFile);
        var destination = output is null ? folder.NewFile(databaseFile, context.Clock.GetLocalNow()) : Path.GetFullPath(output, context.BaseDirectory);
        // Only a chosen --output is refused up front: a name from the folder may be taken by another runner between
        // NewFile and the copy, which the loop below answers with the next free name.
        if (output is not null && File.Exists(destination))
        {
            throw new CommandLineException($"The file {destination} already exists; choose another --output, or remove it first.");
        }

        IReadOnlyList<string> heads;
        while (true)
        {
            try
            {
                heads = SqliteBackup.Copy(databaseFile, destination, context.MigrationOptions.VersionTable);
                break;
            }
            catch (IOException) when (output is null && File.Exists(destination))
            {
                // Another runner took a backup under the same name in the same second: take the next free name.
                destination = folder.NewFile(databaseFile, context.Clock.GetLocalNow());
            }
        }
        context.Line($"Backup: {destination} (at {Describe(heads)}, integrity check ok)");
        if (output is null)
        {
            folder.Prune(databaseFile, context.Options.BackupRetention);
        }

        return destination;
    }

    public static string Describe(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(", ", heads);
}
