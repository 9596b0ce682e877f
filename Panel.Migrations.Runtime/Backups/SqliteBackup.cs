using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Backups;

/// <summary>
/// Consistent copies of a live SQLite file with SQLite's online backup API: written to a temp file readable by the
/// owner only, checked with <c>PRAGMA integrity_check</c>, then renamed into place, so a backup file either is
/// complete and sound or does not exist.
/// </summary>
internal static class SqliteBackup
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Copies the database of <paramref name="sourceFile"/> to <paramref name="destination"/> (which must not exist); returns the copy's revisions.</summary>
    public static IReadOnlyList<string> Copy(string sourceFile, string destination, string versionTable, bool replace = false)
    {
        var folder = Path.GetDirectoryName(destination)!;
        OwnerOnlyFile.EnsureFolder(folder);

        var temp = Path.Combine(folder, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            OwnerOnlyFile.Create(temp).Dispose();
            using (var source = Open(sourceFile, SqliteOpenMode.ReadWrite))
            using (var target = Open(temp, SqliteOpenMode.ReadWrite))
            {
                source.BackupDatabase(target);
            }

            var heads = Verify(temp, versionTable);
            File.Move(temp, destination, overwrite: replace);
            return heads;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Whether the file starts with SQLite's header.</summary>
    public static bool IsSqliteFile(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> buffer = stackalloc byte[16];
        return stream.Length == 0 || (stream.ReadAtLeast(buffer, 16, throwOnEndOfStream: false) == 16 && buffer.SequenceEqual(Header));
    }

    /// <summary>Runs the integrity check and reads the revisions; null when the file has no version table.</summary>
    public static IReadOnlyList<string>? Inspect(string path, string versionTable)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        CheckIntegrity(connection, path);
        return ReadHeads(connection, versionTable);
    }

    /// <summary>Refuses when another connection holds a lock on the file or has changes in its write-ahead log.</summary>
    /// <exception cref="MigrationException">The database is in use.</exception>
    public static void EnsureNotInUse(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var wal = new FileInfo(path + "-wal");
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
