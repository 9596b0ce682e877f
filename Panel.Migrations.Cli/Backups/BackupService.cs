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
        BackupOptions.For(context.Options.AutomaticBackups, environment) is not null ? Options(context) : null;

    /// <summary>
    /// The backup options of this command line: the app's (<see cref="MigrationCommandLineOptions"/>), then the
    /// configuration file's <c>"backups"</c> keys, then <paramref name="retention"/> given on the command line.
    /// </summary>
    public static BackupOptions Options(CommandContext context, System.Func<BackupRetention, BackupRetention>? retention = null, bool withRemotes = true)
    {
        var (path, required) = context.ConfigurationFile;
        var file = BackupFileSettings.Read(path, required);
        var kept = file?.Apply(context.Options.BackupRetention) ?? context.Options.BackupRetention;
        var options = new BackupOptions
        {
            Folder = file?.Folder is { } fromFile ? Path.GetFullPath(fromFile, Path.GetDirectoryName(path)!) : FolderPath(context),
            Retention = (retention?.Invoke(kept) ?? kept).Checked("the command line's backup settings"),
            Clock = context.Clock,
            ToolsFolder = ToolsFolder(context),
            Remotes = withRemotes ? Remotes(context) : [],
        };
        return context.Options.BackupUploadRetry is { } retry ? options with { UploadRetry = retry } : options;
    }

    /// <summary>The remotes the app's <see cref="MigrationCommandLineOptions.BackupRemotes"/> reads from the configuration file and the environment.</summary>
    public static IReadOnlyList<BackupRemote> Remotes(CommandContext context)
    {
        var (path, required) = context.ConfigurationFile;
        return context.Options.BackupRemotes?.Invoke(new SettingsSources
        {
            GetVariable = context.Environment,
            ConfigurationFile = path,
            ConfigurationFileRequired = required,
            BaseDirectory = context.BaseDirectory,
        }) ?? [];
    }

    /// <summary>The remotes, or an error saying how to configure one.</summary>
    public static IReadOnlyList<BackupRemote> RequireRemotes(CommandContext context) =>
        Remotes(context) is { Count: > 0 } remotes ? remotes
        : throw new CommandLineException(
            $"No backup remote is configured. Add \"s3\" or \"sftp\" to the \"backups\" object of {context.ConfigurationFile.Path} (docs/backups.md); the app must pass RemoteBackupTargets.From as BackupRemotes.");

    /// <summary>The backups folder of the configured database.</summary>
    public static BackupFolder Folder(CommandContext context) =>
        AutomaticBackup.FolderFor(Options(context, withRemotes: false), context.MigrationOptions);

    // The app's folder; for a server database without one, data/backups under the base directory (a SQLite file's
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
    /// Backs the database up into the backups folder (or <paramref name="output"/>) and prints the path; a missing tool is
    /// refused before any file is made. A backup in the folder is then copied to the remotes and, with
    /// <paramref name="prune"/>, followed by pruning (<see cref="BackupAftercare"/>). With <paramref name="failOnAftercare"/>,
    /// a failed upload or prune is an error (exit 3) after the rest was done; the new file is kept either way. Returns the path.
    /// </summary>
    public static async Task<string> TakeAsync(CommandContext context, DatabaseBackup source, CancellationToken cancellationToken, string? output = null,
                                               BackupOptions? options = null, bool prune = false, bool failOnAftercare = false)
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
        if (destination is not null)
        {
            context.Line(Announce(destination, await source.WriteAsync(destination, cancellationToken).ConfigureAwait(false), source.Options.Kind));
            return destination;
        }

        options ??= Options(context);
        var taken = await AutomaticBackup.WriteAsync(source, options, cancellationToken).ConfigureAwait(false);
        context.Line(Announce(taken.Path, taken.Heads, source.Options.Kind));
        var failures = await BackupAftercare.RunAsync(taken.Path, source.Name, options, prune, context.Line, _ => { }, cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0 && failOnAftercare)
        {
            throw new CommandLineException(string.Join(" ", failures), ExitCodes.DatabaseError);
        }

        return taken.Path;
    }

    /// <summary>
    /// Records <paramref name="file"/> as verified (restored and checked: <see cref="BackupVerification"/>) when its name
    /// says it is a backup of <paramref name="source"/>'s database, so pruning keeps the newest such.
    /// </summary>
    public static void MarkVerified(CommandContext context, DatabaseBackup source, string file, string how)
    {
        if (BackupName.TryParse(Path.GetFileName(file), source.Name) is not null)
        {
            BackupVerification.Mark(file, how, context.Clock.GetUtcNow());
        }
    }

    /// <summary>The line that says where a backup went.</summary>
    public static string Announce(string path, IReadOnlyList<string> heads, DatabaseKind kind) => $"Backup: {path} (at {Describe(heads)}, {DatabaseBackup.CheckDone(kind)})";

    public static string Describe(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(", ", heads);
}
