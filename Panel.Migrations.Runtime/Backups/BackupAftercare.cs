using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// What follows every new backup file, whoever wrote it (the pipeline's automatic backup, <c>backup</c>, the schedule) and
/// whatever its kind: a verified copy to each remote, then (when asked) pruning of the folder and of each remote by the
/// same retention. It never throws for a remote or a prune that fails: the local file is already safe, so the problem is
/// reported (log line, <see cref="BackupUploadFailed"/>), and returned for a caller that wants a non-zero exit.
/// </summary>
internal static class BackupAftercare
{
    /// <summary>Uploads <paramref name="file"/> and prunes; returns the failures, as messages (empty when all went well).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string file, string database, BackupOptions options, bool prune, Action<string> log, Action<MigrationEvent> emit, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var name = Path.GetFileName(file);
        var uploaded = new List<BackupRemote>();
        foreach (var remote in options.Remotes)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var bytes = await RemoteCopy.UploadVerifiedAsync(remote, file, options.UploadRetry, cancellationToken).ConfigureAwait(false);
                uploaded.Add(remote);
                log($"Uploaded {name} to {remote.Name} ({bytes:N0} bytes, size and SHA-256 read back and equal)");
                emit(new BackupUploaded(remote.Name, name, bytes, clock.Elapsed));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                var message = $"the upload of {name} to {remote.Name} failed after {options.UploadRetry.MaxAttempts} attempt(s): {error.Message.TrimEnd('.')}. The local backup {file} is kept.";
                failures.Add(message);
                log("WARNING: " + message);
                emit(new BackupUploadFailed(remote.Name, name, error.Message));
            }
        }

        if (!prune)
            return failures;
        var folder = new BackupFolder(Path.GetDirectoryName(file)!);
        string? verified = null;
        try
        {
            var local = folder.List(database);
            verified = BackupVerification.NewestVerified(folder.Path, local);
            await ReportAsync(folder.Path, RetentionPlan.ToDelete(local, options.Retention, [name, verified]), options, log, emit, n =>
            {
                File.Delete(Path.Combine(folder.Path, n));
                File.Delete(Path.Combine(folder.Path, n + BackupVerification.Suffix));
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            failures.Add(Warn($"pruning old backups in {folder.Path} failed ({error.Message}); the new backup {file} is kept.", log));
        }

        // A remote the new file did not reach is not pruned: its newest copies may be all that is left there.
        foreach (var remote in uploaded)
        {
            try
            {
                var stored = (await remote.ListAsync(cancellationToken).ConfigureAwait(false)).Select(f => BackupName.TryParse(f.Name, database)).OfType<BackupName>().ToList();
                await ReportAsync(remote.Name, RetentionPlan.ToDelete(stored, options.Retention, [name, verified]), options, log, emit, n => remote.DeleteAsync(n, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(Warn($"pruning old backups on {remote.Name} failed ({error.Message}); nothing more was deleted there.", log));
            }
        }

        return failures;
    }

    private static string Warn(string message, Action<string> log)
    {
        log("WARNING: " + message);
        return message;
    }

    private static async Task ReportAsync(string location, IReadOnlyList<string> doomed, BackupOptions options, Action<string> log, Action<MigrationEvent> emit, Func<string, Task> delete)
    {
        if (doomed.Count == 0)
            return;
        foreach (var name in doomed)
            await delete(name).ConfigureAwait(false);
        log($"Pruned {doomed.Count} old backup(s) from {location} ({options.Retention}): {string.Join(", ", doomed)}");
        emit(new BackupsPruned(location, doomed));
    }
}
