using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
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
    public static BackupOptions? Automatic(CommandContext context) =>
        BackupOptions.For(context.Options.AutomaticBackups, context.Settings.Environment) is not null ? Options(context) : null;

    /// <summary>
    /// The backup options of this command line: the app's (<see cref="MigrationCommandLineOptions"/>), then the
    /// configuration file's <c>"backups"</c> keys, then <paramref name="retention"/> given on the command line.
    /// </summary>
    public static BackupOptions Options(CommandContext context, System.Func<BackupRetention, BackupRetention>? retention = null, bool withRemotes = true)
    {
        var (path, required) = context.ConfigurationFile;
        var file = BackupFileSettings.Read(path, required);
        var folder = file?.Folder is { } fromFile ? Path.GetFullPath(fromFile, Path.GetDirectoryName(path)!)
            : context.Options.BackupFolder is { } fromApp ? Path.GetFullPath(fromApp, context.BaseDirectory) : null;
        var kept = file?.Apply(context.Options.BackupRetention) ?? context.Options.BackupRetention;
        var options = new BackupOptions
        {
            Folder = folder,
            Retention = (retention?.Invoke(kept) ?? kept).Checked("the command line's backup settings"),
            Clock = context.Clock,
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

    /// <summary>The backups folder of <paramref name="databaseFile"/>.</summary>
    public static BackupFolder Folder(CommandContext context, string databaseFile) =>
        AutomaticBackup.FolderFor(Options(context, withRemotes: false), databaseFile);

    /// <summary>
    /// Backs the live file up into the backups folder (or <paramref name="output"/>), prints the path; with
    /// <paramref name="prune"/>, then prunes the folder by the retention; copies it to the remotes. With <paramref name="failOnAftercare"/>,
    /// a failed upload or prune is an error (exit 3) after the rest was done; the local file is kept either way. Returns the path.
    /// </summary>
    public static async Task<string> TakeAsync(CommandContext context, string databaseFile, CancellationToken cancellationToken, string? output = null, BackupOptions? options = null, bool prune = false, bool failOnAftercare = false)
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
            options ??= Options(context);
            (destination, heads) = AutomaticBackup.FolderFor(options, databaseFile).Take(databaseFile, context.Clock.GetLocalNow(), versionTable);
            context.Line(Announce(destination, heads));
            var failures = await BackupAftercare.RunAsync(destination, BackupFolder.NameOf(databaseFile), options, prune, context.Line, _ => { }, cancellationToken).ConfigureAwait(false);
            if (failures.Count > 0 && failOnAftercare)
            {
                throw new CommandLineException(string.Join(" ", failures), ExitCodes.DatabaseError);
            }

            return destination;
        }

        destination = Path.GetFullPath(output, context.BaseDirectory);
        if (File.Exists(destination))
        {
            throw new CommandLineException($"The file {destination} already exists; choose another --output, or remove it first.");
        }

        heads = SqliteBackup.Copy(databaseFile, destination, versionTable);
        context.Line(Announce(destination, heads));
        return destination;
    }

    /// <summary>The line that says where a backup went.</summary>
    public static string Announce(string path, IReadOnlyList<string> heads) => $"Backup: {path} (at {Describe(heads)}, integrity check ok)";

    public static string Describe(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(", ", heads);
}
