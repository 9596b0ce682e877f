using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Backups;

namespace Panel.Migrations.Cli.Backups;

/// <summary>The backups of the command line: the automatic one's options for the pipeline, and backups taken by hand.</summary>
internal static class BackupService
{
    /// <summary>The backups of the configured database (SQLite file, PostgreSQL or MySQL/MariaDB), with the configured tools.</summary>
    public static DatabaseBackup Source(CommandContext context, string command)
    {
        var uri = context.Settings.DatabaseUri;
        if (uri.IsInMemory)
            throw new CommandLineException($"'{command}' needs a database that outlives the command, and {uri} is in memory.");
        return DatabaseBackup.For(context.MigrationOptions, ToolsFolder(context));
    }

    /// <summary>The automatic backup the command line's <see cref="BackupPolicy"/> asks the pipeline for, or null.</summary>
    public static BackupOptions? Automatic(CommandContext context) => Automatic(context, context.Settings.Environment);

    /// <summary>As <see cref="Automatic(CommandContext)"/> in <paramref name="environment"/> (a fleet has no one DATABASE_URI to resolve it from).</summary>
    public static BackupOptions? Automatic(CommandContext context, MigrationEnvironment environment) =>
        BackupOptions.For(context.Options.AutomaticBackups, environment, FolderPath(context), context.Options.BackupRetention) is { } backup
            ? backup with { Clock = context.Clock, ToolsFolder = ToolsFolder(context) }
            : null;

    /// <summary>The backups folder of the configured database.</summary>
    public static BackupFolder Folder(CommandContext context) =>
        AutomaticBackup.FolderFor(new BackupOptions { Folder = FolderPath(context) }, context.MigrationOptions);

    // The configured folder; for a server database without one, data/backups under the base directory (a SQLite file's
    // default, backups next to it, is the runtime's).
    private static string? FolderPath(CommandContext context) =>
        context.Options.BackupFolder is { } folder ? Path.GetFullPath(folder, context.BaseDirectory)
        : context.Settings.DatabaseUri.Kind == DatabaseKind.Sqlite ? null
        : Path.Combine(context.BaseDirectory, "data", "backups");

    // MigrationCommandLineOptions.BackupToolsFolder, else PANEL_MIGRATIONS_BACKUP_TOOLS, else PATH (null).
    private static string? ToolsFolder(CommandContext context) =>
        context.Options.BackupToolsFolder is { } folder ? Path.GetFullPath(folder, context.BaseDirectory)
        : context.Environment(BackupTool.FolderVariable) is { Length: > 0 } variable ? Path.GetFullPath(variable, context.BaseDirectory)
        : null;

    /// <summary>
    /// Backs the database up into the backups folder (or <paramref name="output"/>), prints the path, prunes old ones; returns
    /// the path. A missing tool is refused before any file is made.
    /// </summary>
    public static async Task<string> TakeAsync(CommandContext context, DatabaseBackup source, string? output, CancellationToken cancellationToken)
    {
        if (source is SqliteDatabaseBackup sqlite && !File.Exists(sqlite.File))
        {
            throw new CommandLineException($"There is no database file at {sqlite.File} to back up. Check DATABASE_URI and ENVIRONMENT.");
        }

        string? destination = output is null ? null : Path.GetFullPath(output, context.BaseDirectory);
        if (destination is not null && File.Exists(destination))
        {
            throw new CommandLineException($"The file {destination} already exists; choose another --output, or remove it first.");
        }

        await source.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> heads;
        if (destination is null)
        {
            (destination, heads) = await Folder(context).TakeAsync(source, context.Clock.GetLocalNow(), context.Options.BackupRetention, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            heads = await source.WriteAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        context.Line(Announce(destination, heads, source.Options.Kind));
        return destination;
    }

    /// <summary>The line that says where a backup went.</summary>
    public static string Announce(string path, IReadOnlyList<string> heads, DatabaseKind kind) => $"Backup: {path} (at {Describe(heads)}, {DatabaseBackup.CheckDone(kind)})";

    public static string Describe(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(", ", heads);
}
