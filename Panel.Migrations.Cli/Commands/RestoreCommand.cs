using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Backups;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>restore FILE [--no-backup] [--force] [--remote]</c>: replaces the database with a backup, after backing up the database it
/// replaces. SQLite: a checked copy renamed over the file, or over a link's target, keeping its mode, owner and group
/// (refused while another process has the file open or a connection locks it). PostgreSQL: emptied and
/// restored in one transaction. MySQL/MariaDB: loaded into a scratch database first, then into the emptied database.
/// Every refusal (a file of another kind, of another database, at a revision this build does not know) comes first.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CommandSet set)
    {
        var file = new Argument<string>("FILE") { Description = "The backup to restore, e.g. data/backups/default_backup_20250101_120000.db (.dump for PostgreSQL, .sql for MySQL/MariaDB)." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up the database that is replaced." };
        var force = new Option<bool>("--force") { Description = "Restore a backup of another database, or at a revision this build of the application does not know." };
        var remote = new Option<bool>("--remote") { Description = "FILE is a backup's name on a remote ('backup list --remote'): download it into the backups folder first." };
        var command = new Command("restore", "Replace the database with a backup (SQLite, PostgreSQL, MySQL/MariaDB).") { file, noBackup, force, remote };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var backups = BackupService.Source(context, "restore");
            var source = parse.GetValue(remote)
                ? await FetchAsync(context, parse.GetValue(file)!, cancellationToken).ConfigureAwait(false)
                : Path.GetFullPath(parse.GetValue(file)!, context.BaseDirectory);
            var heads = await CheckAsync(context, backups, source, parse.GetValue(force), cancellationToken).ConfigureAwait(false);
            context.Line("Database: " + context.DatabaseDescription);
            if (backups is SqliteDatabaseBackup sqlite)
            {
                SqliteConnection.ClearAllPools();
                SqliteBackup.EnsureNotInUse(sqlite.File);
            }

            string? saved = null;
            if (!parse.GetValue(noBackup) && (backups is not SqliteDatabaseBackup live || (File.Exists(live.File) && new FileInfo(live.File).Length > 0)))
            {
                saved = await BackupService.TakeAsync(context, backups, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await backups.RestoreAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationException error) when (saved is not null)
            {
                throw new CommandLineException($"{error.Message} The database as it was before this restore is saved in {saved}.", ExitCodes.DatabaseError, error);
            }

            context.Line($"Restored {source} (at {BackupService.Describe(heads)}) into {context.Settings.DatabaseUri}.");
            if (backups is SqliteDatabaseBackup { OwnershipNote: { } ownership })
            {
                context.Warn(ownership);
            }

            // A backup of this database that restored cleanly is a verified one: pruning keeps the newest such.
            BackupService.MarkVerified(context, backups, source, "restored into " + context.Settings.DatabaseUri);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Refuses a file that is missing, of another kind of database or has no version table; and, unless forced, one of
    /// another database or at a revision this build does not know. Returns the file's revisions. Nothing is written.
    /// </summary>
    public static async Task<System.Collections.Generic.IReadOnlyList<string>> CheckAsync(CommandContext context, DatabaseBackup backups, string source, bool force,
                                                                                          CancellationToken cancellationToken)
    {
        var kind = backups.Options.Kind;
        if (!File.Exists(source))
        {
            throw new CommandLineException($"There is no file {source} to restore. List the backups in {BackupService.Folder(context).Path}.");
        }

        var fileKind = DatabaseBackup.KindOf(source);
        if (fileKind is null)
        {
            throw new CommandLineException($"{source} is not {DatabaseBackup.Describe(kind)}; nothing was changed.");
        }

        if (fileKind != kind)
        {
            throw new CommandLineException(
                $"{source} is {DatabaseBackup.Describe(fileKind.Value)}, and the database is {context.Settings.DatabaseUri}: it can only be restored into a database of its own kind; nothing was changed.");
        }

        await backups.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var info = await backups.InspectAsync(source, cancellationToken).ConfigureAwait(false);
        var versionTable = backups.Options.VersionTable;
        var heads = info.Heads
            ?? throw new CommandLineException($"{source} has no {versionTable} table, so it is not a backup of a migrated database; nothing was changed.");
        var unknown = heads.Where(h => !context.Graph.TryGet(h, out _)).ToList();
        var problem = info.Database is not null && info.Database != backups.Database
            ? $"{source} is a backup of the database {info.Database}, not of {backups.Database}"
            : unknown.Count > 0
                ? $"{source} is at {string.Join(", ", unknown)}, which this build of the application does not know"
                : null;
        if (problem is not null && !force)
        {
            throw new CommandLineException($"{problem}; nothing was changed. Run 'restore' with --force to restore it anyway.");
        }

        return heads;
    }

    // The fetch step: the first remote that has the backup sends it into the local backups folder, checked by size.
    private static async Task<string> FetchAsync(CommandContext context, string name, CancellationToken cancellationToken)
    {
        var folder = BackupService.Folder(context).Path;
        foreach (var target in BackupService.RequireRemotes(context))
        {
            if ((await target.ListAsync(cancellationToken).ConfigureAwait(false)).Any(f => f.Name == name))
            {
                var path = await RemoteCopy.FetchAsync(target, name, folder, cancellationToken).ConfigureAwait(false);
                context.Line($"Fetched {name} from {target.Name} into {path}");
                return path;
            }
        }

        throw new CommandLineException($"No backup remote has a backup named {name}; 'backup list --remote' shows what they have. Nothing was changed.");
    }
}
