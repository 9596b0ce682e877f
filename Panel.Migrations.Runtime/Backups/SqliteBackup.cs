using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Backups;

/// <summary>
/// Consistent copies of a live SQLite file with SQLite's online backup API: written to a temp file readable by the
/// owner only, checked with <c>PRAGMA integrity_check</c>, then renamed into place, so a backup file either is
/// complete and sound or does not exist.
/// </summary>
internal static class SqliteBackup
{
    /// <summary>Copies the database of <paramref name="sourceFile"/> to <paramref name="destination"/> (which must not exist); returns the copy's revisions.</summary>
    public static IReadOnlyList<string> Copy(string sourceFile, string destination, string versionTable, bool replace = false) =>
        BackupFiles.WriteAsync(destination, replace, temp =>
        {
            CopyInto(sourceFile, temp);
            return Task.FromResult(Verify(temp, versionTable));
        }).GetAwaiter().GetResult(); // nothing in it awaits: the backup API is synchronous

    private static void CopyInto(string sourceFile, string temp)
    {
        using var source = Open(sourceFile, SqliteOpenMode.ReadWrite);
        using var target = Open(temp, SqliteOpenMode.ReadWrite);
        source.BackupDatabase(target);
    }

    /// <summary>Runs the integrity check and reads the revisions; null when the file has no version table.</summary>
    public static IReadOnlyList<string>? Inspect(string path, string versionTable)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        CheckIntegrity(connection, path);
        return ReadHeads(connection, versionTable);
    }

    /// <summary>
    /// Refuses when another process has the file (through links, see <see cref="RealPath"/>) or its journal open, when
    /// another connection holds a lock on it, or when it has changes in its write-ahead log.
    /// </summary>
    /// <exception cref="MigrationException">The database is in use.</exception>
    public static void EnsureNotInUse(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var real = RealPath.Of(path);
        if (OpenFileHolders.Of(Sidecars(real).Prepend(real).ToHashSet(StringComparer.Ordinal)) is { Count: > 0 } holders)
        {
            throw InUse(path, $"{(holders.Count == 1 ? "process" : "processes")} {string.Join(", ", holders)} {(holders.Count == 1 ? "has" : "have")} it open");
        }

        var wal = new FileInfo(real + "-wal");
        if (wal.Exists && wal.Length > 0)
        {
            throw InUse(path, "it has a write-ahead log with changes that are not yet checkpointed");
        }

        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandTimeout = 1;
        try
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            command.ExecuteNonQuery();
            command.CommandText = "ROLLBACK";
            command.ExecuteNonQuery();
        }
        catch (SqliteException error) when (error.SqliteErrorCode is 5 or 6)
        {
            throw InUse(path, "another connection holds a lock on it");
        }
    }

    /// <summary>The files SQLite keeps beside a database: its write-ahead log, shared memory index and rollback journal.</summary>
    public static IEnumerable<string> Sidecars(string path) => [path + "-wal", path + "-shm", path + "-journal"];

    /// <summary>
    /// Replaces <paramref name="target"/> (a resolved path, not a link) with a checked copy of <paramref name="sourceFile"/>:
    /// written beside it, given the target's mode, owner and group, flushed to disk, then renamed over it and the folder
    /// flushed. Returns a sentence when the owner or group could not be kept (only root gives a file to another user).
    /// </summary>
    public static string? Replace(string sourceFile, string target, string versionTable)
    {
        string? ownership = null;
        BackupFiles.WriteAsync(target, replace: true, temp =>
        {
            CopyInto(sourceFile, temp);
            Verify(temp, versionTable);
            if (File.Exists(target) && !OperatingSystem.IsWindows())
            {
                ownership = KeepOwner(target, temp);
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target)); // after chown, which may clear set-id bits
            }

            using (var flush = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                flush.Flush(flushToDisk: true);
            }

            return Task.FromResult(0);
        }).GetAwaiter().GetResult(); // nothing in it awaits: the backup API is synchronous
        UnixFileOwner.FlushFolder(Path.GetDirectoryName(target)!);
        return ownership;
    }

    // Gives the copy the owner and group of the file it replaces, as far as this user may; null when both are kept.
    private static string? KeepOwner(string original, string copy)
    {
        if (UnixFileOwner.Of(original) is not { } was || UnixFileOwner.Of(copy) is not { } now || was == now)
        {
            return null;
        }

        if (!UnixFileOwner.TryChange(copy, was.User, was.Group))
        {
            UnixFileOwner.TryChange(copy, null, was.Group); // a group this user is in can still be kept
        }

        var got = UnixFileOwner.Of(copy) ?? now;
        return got == was
            ? null
            : $"The restored {original} is owned by user {got.User}, group {got.Group}, not user {was.User}, group {was.Group} as before: " +
              $"only root can give a file to another user. Run 'chown {was.User}:{was.Group} {original}' as root, or the panel may not open it.";
    }

    private static MigrationException InUse(string path, string why) =>
        new($"The database {path} is in use: {why}. Stop the panel (and any other tool using the database), then run the command again; nothing was changed.");

    private static IReadOnlyList<string> Verify(string path, string versionTable)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        CheckIntegrity(connection, path);
        return ReadHeads(connection, versionTable) ?? [];
    }

    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems.Count != 1 || problems[0] != "ok")
        {
            throw new MigrationException($"The SQLite file {path} failed its integrity check: {string.Join("; ", problems)}.");
        }
    }

    private static List<string>? ReadHeads(SqliteConnection connection, string versionTable)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        command.Parameters.AddWithValue("@name", versionTable);
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        command.Parameters.Clear();
        command.CommandText = "SELECT version_num FROM \"" + versionTable.Replace("\"", "\"\"", StringComparison.Ordinal) + "\" ORDER BY version_num";
        var heads = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            heads.Add(reader.GetString(0));
        }

        return heads;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        // SQLite's own busy handler, which the backup API honours: wait for a runner's commit instead of failing.
        using var wait = connection.CreateCommand();
        wait.CommandText = "PRAGMA busy_timeout = 30000";
        wait.ExecuteNonQuery();
        return connection;
    }
}
