using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// What follows every new backup file, whoever wrote it (the pipeline's automatic backup, <c>backup</c>, the schedule) and
/// whatever its kind: prune the folder by the retention. It never fails the caller: the new file is already safe, so a
/// problem here is reported as a warning and the run goes on.
/// </summary>
internal static class BackupAftercare
{
    /// <summary>Prunes the folder of <paramref name="file"/> (when <paramref name="prune"/>); reports through <paramref name="log"/> and <paramref name="emit"/>.</summary>
    public static Task RunAsync(string file, string database, BackupOptions options, bool prune, Action<string> log, Action<MigrationEvent> emit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (prune)
        {
            var folder = new BackupFolder(Path.GetDirectoryName(file)!);
            try
            {
                var deleted = folder.Prune(database, options.Retention, file);
                if (deleted.Count > 0)
                {
                    log($"Pruned {deleted.Count} old backup(s) from {folder.Path} ({options.Retention}): {string.Join(", ", deleted)}");
                    emit(new BackupsPruned(folder.Path, deleted));
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                log($"WARNING: pruning old backups in {folder.Path} failed ({error.Message}); the new backup {file} is kept, and nothing else was deleted after that point.");
            }
        }

        return Task.CompletedTask;
    }
}
