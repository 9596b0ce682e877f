using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Backups;
using Panel.Migrations.Execution;

namespace Panel.Migrations;

public sealed partial class MigrationRunner
{
    /// <summary>
    /// Takes a backup now, as the automatic one (folder, checks, retention, copies off the machine), for a schedule; skips it
    /// and returns null when a migration holds the lock (the run's lock on PostgreSQL and MySQL, a step's write lock on
    /// SQLite) for longer than <paramref name="lockWait"/>. The lock is held while the file is written, so no migration
    /// starts half-way through it; pruning and uploads follow after it is released.
    /// </summary>
    /// <param name="backup">Where and what to keep; null: <see cref="MigrationOptions.Backup"/>, else the defaults.</param>
    /// <param name="lockWait">How long to wait for the lock before skipping; at least one second.</param>
    /// <param name="cancellationToken">Cancels the backup.</param>
    /// <returns>The backup, or null when it was skipped (a <see cref="BackupSkipped"/> event says why).</returns>
    /// <exception cref="MigrationException">There is no SQLite file or the database is in memory, a database tool is missing, or the backup failed; nothing was deleted.</exception>
    public async Task<BackupTaken?> TryBackupAsync(BackupOptions? backup = null, TimeSpan lockWait = default, CancellationToken cancellationToken = default)
    {
        backup ??= Options.Backup ?? new BackupOptions();
        if (Options.Kind == DatabaseKind.Sqlite && (AutomaticBackup.SqliteFile(Options.ConnectionString) is not { } file || !File.Exists(file)))
            throw new MigrationException($"There is no SQLite database file to back up for {Options.DisplayName}; check its connection string.");
        var source = DatabaseBackup.For(Options, AutomaticBackup.ToolsFolder(backup));
        await source.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var probe = DatabaseAdapter.For(Options with { LockTimeout = lockWait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : lockWait });
        await using var connection = probe.CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        IAsyncDisposable runLock;
        System.Data.Common.DbTransaction? stepLock = null;
        try
        {
            runLock = await probe.LockAsync(connection, cancellationToken).ConfigureAwait(false);
            if (!probe.LockSpansRun)
                stepLock = await probe.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException busy)
        {
            _context.Log("Skipped the backup: a migration holds the lock. " + busy.Message);
            _context.Emit(new BackupSkipped(busy.Message));
            return null;
        }

        BackupTaken taken;
        try
        {
            taken = await AutomaticBackup.WriteAsync(source, backup, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (stepLock is not null)
                await stepLock.DisposeAsync().ConfigureAwait(false);
            await runLock.DisposeAsync().ConfigureAwait(false);
        }

        _context.Emit(taken);
        await AutomaticBackup.AfterAsync(taken, Options with { Backup = backup }, _context.Log, _context.Emit, cancellationToken).ConfigureAwait(false);
        return taken;
    }
}
