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
/// <c>restore FILE [--no-backup]</c>: replaces the SQLite database with a backup, atomically (a checked copy next to
/// it, then a rename), after backing up the database it replaces; refuses when the database is in use.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CommandSet set)
    {
        var file = new Argument<string>("FILE") { Description = "The backup to restore, e.g. data/backups/default_backup_20250101_120000.db." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up the database that is replaced." };
        var remote = new Option<bool>("--remote") { Description = "FILE is a backup's name on a remote ('backup list --remote'): download it into the backups folder first." };
        var command = new Command("restore", "Replace the SQLite database with a backup.") { file, noBackup, remote };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var live = BackupService.RequireSqliteFile(context, "restore");
            var source = parse.GetValue(remote)
                ? await FetchAsync(context, live, parse.GetValue(file)!, cancellationToken).ConfigureAwait(false)
                : Path.GetFullPath(parse.GetValue(file)!, context.BaseDirectory);
            var versionTable = context.MigrationOptions.VersionTable;
            if (!File.Exists(source))
            {
                throw new CommandLineException($"There is no file {source} to restore. List the backups in {BackupService.Folder(context, live).Path}.");
            }

            if (!SqliteBackup.IsSqliteFile(source) || new FileInfo(source).Length == 0)
            {
                throw new CommandLineException($"{source} is not a SQLite database; nothing was changed.");
            }

            var heads = SqliteBackup.Inspect(source, versionTable)
                ?? throw new CommandLineException($"{source} has no {versionTable} table, so it is not a backup of a migrated database; nothing was changed.");
            context.Line("Database: " + context.DatabaseDescription);
            SqliteConnection.ClearAllPools();
            SqliteBackup.EnsureNotInUse(live);
            if (!parse.GetValue(noBackup) && File.Exists(live) && new FileInfo(live).Length > 0)
            {
                await BackupService.TakeAsync(context, live, cancellationToken).ConfigureAwait(false);
            }

            SqliteConnection.ClearAllPools();
            SqliteBackup.EnsureNotInUse(live);
            SqliteBackup.Copy(source, live, versionTable, replace: true);
            foreach (var sidecar in new[] { live + "-wal", live + "-shm", live + "-journal" })
            {
                if (File.Exists(sidecar) && new FileInfo(sidecar).Length == 0)
                {
                    File.Delete(sidecar);
                }
            }

            context.Line($"Restored {source} (at {BackupService.Describe(heads)}) into {context.Settings.DatabaseUri}.");
            // A backup of this database that restored cleanly is a verified one: pruning keeps the newest such.
            if (BackupName.TryParse(Path.GetFileName(source), BackupFolder.NameOf(live)) is not null)
            {
                BackupVerification.Mark(source, "restored into " + context.Settings.DatabaseUri, context.Clock.GetUtcNow());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // The fetch step: the first remote that has the backup sends it into the local backups folder, checked by size.
    private static async Task<string> FetchAsync(CommandContext context, string live, string name, CancellationToken cancellationToken)
    {
        var folder = BackupService.Folder(context, live).Path;
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
