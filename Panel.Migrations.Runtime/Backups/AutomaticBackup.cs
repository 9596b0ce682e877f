using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Backups;

/// <summary>
/// The pipeline's before-apply stage: a checked copy of the database as it was before the run, taken after preflight
/// passed (a refused run leaves no file) and before the first write.
/// </summary>
internal static class AutomaticBackup
{
    /// <summary>Backs up the database of <paramref name="options"/> when it asks for it and there is something to keep; else null.</summary>
    public static BackupTaken? Take(MigrationOptions options)
    {
        if (options.Backup is not { } backup || options.Kind != DatabaseKind.Sqlite || SqliteFile(options.ConnectionString) is not { } file)
            return null;
        var info = new FileInfo(file);
        if (!info.Exists || info.Length == 0)
            return null; // a new database: nothing to go back to
        var clock = Stopwatch.StartNew();
        var folder = FolderFor(backup, file);
        var (path, heads) = folder.Take(file, backup.Clock.GetLocalNow(), options.VersionTable);
        return new BackupTaken(path, heads, new FileInfo(path).Length, clock.Elapsed);
    }

    /// <summary>What follows the automatic backup <paramref name="taken"/>, once the backup stage's transaction is over: the copies to the remotes, then pruning.</summary>
    public static Task AfterAsync(BackupTaken taken, MigrationOptions options, Action<string> log, Action<MigrationEvent> emit, CancellationToken cancellationToken) =>
        BackupAftercare.RunAsync(taken.Path, BackupFolder.NameOf(SqliteFile(options.ConnectionString)!), options.Backup!, prune: true, log, emit, cancellationToken);

    /// <summary>The backups folder of <paramref name="databaseFile"/>: the configured one, or <c>backups</c> next to the file.</summary>
    public static BackupFolder FolderFor(BackupOptions backup, string databaseFile) =>
        new(backup.Folder is { } configured ? Path.GetFullPath(configured) : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "backups"));

    /// <summary>The file of a SQLite connection string, or null for an in-memory database.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal) ? null : Path.GetFullPath(source);
    }
}
