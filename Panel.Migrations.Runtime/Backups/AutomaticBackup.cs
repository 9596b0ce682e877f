using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Backups;

/// <summary>
/// The pipeline's before-apply stage: a checked copy of the database as it was before the run, taken after preflight
/// passed (a refused run leaves no file) and before the first write. SQLite: an online copy of the file; PostgreSQL:
/// <c>pg_dump</c>; MySQL/MariaDB: <c>mariadb-dump</c>. A missing or too old tool stops the run here, with nothing written.
/// </summary>
internal static class AutomaticBackup
{
    /// <summary>
    /// Backs up the database of <paramref name="options"/> when it asks for it and there is something to keep (a SQLite file
    /// with content; a server database that has a version table); else null.
    /// </summary>
    public static async Task<BackupTaken?> TakeAsync(MigrationOptions options, bool versionTableExists, CancellationToken cancellationToken)
    {
        if (options.Backup is not { } backup)
            return null;
        if (options.Kind == DatabaseKind.Sqlite)
        {
            var info = SqliteFile(options.ConnectionString) is { } file ? new FileInfo(file) : null;
            if (info is not { Exists: true } || info.Length == 0)
                return null; // in memory, or a new database: nothing to go back to
        }
        else if (!versionTableExists)
        {
            return null; // a new database (preflight refuses one with tables but no version table)
        }

        var source = DatabaseBackup.For(options, ToolsFolder(backup));
        await source.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(source, backup, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a backup of <paramref name="source"/> into the folder of <paramref name="backup"/>, timed; the caller checked the tool.</summary>
    public static async Task<BackupTaken> WriteAsync(DatabaseBackup source, BackupOptions backup, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (path, heads) = await FolderFor(backup, source.Options).TakeAsync(source, backup.Clock.GetLocalNow(), cancellationToken).ConfigureAwait(false);
        return new BackupTaken(path, heads, new FileInfo(path).Length, clock.Elapsed);
    }

    /// <summary>What follows the automatic backup <paramref name="taken"/>, once the backup stage's transaction is over: the copies to the remotes, then pruning.</summary>
    public static Task AfterAsync(BackupTaken taken, MigrationOptions options, Action<string> log, Action<MigrationEvent> emit, CancellationToken cancellationToken) =>
        BackupAftercare.RunAsync(taken.Path, DatabaseBackup.For(options, ToolsFolder(options.Backup!)).Name, options.Backup!, prune: true, log, emit, cancellationToken);

    /// <summary>The folder of the database tools: <see cref="BackupOptions.ToolsFolder"/>, else <c>PANEL_MIGRATIONS_BACKUP_TOOLS</c>, else null (PATH).</summary>
    public static string? ToolsFolder(BackupOptions backup) =>
        backup.ToolsFolder ?? (Environment.GetEnvironmentVariable(BackupTool.FolderVariable) is { Length: > 0 } folder ? folder : null);

    /// <summary>
    /// The backups folder of the database: the configured one; else <c>backups</c> next to a SQLite file, and
    /// <c>data/backups</c> under the current directory for a server database.
    /// </summary>
    public static BackupFolder FolderFor(BackupOptions backup, MigrationOptions options) =>
        new(backup.Folder is { } configured ? Path.GetFullPath(configured)
            : options.Kind == DatabaseKind.Sqlite && SqliteFile(options.ConnectionString) is { } file ? Path.Combine(Path.GetDirectoryName(file)!, "backups")
            : Path.GetFullPath(Path.Combine("data", "backups")));

    /// <summary>The file of a SQLite connection string, or null for an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal) ? null : Path.GetFullPath(source);
    }
}
