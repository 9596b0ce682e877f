using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// One real database of a kind, as the pipeline tests see it: its options, raw SQL, a lock held by someone else, and a
/// snapshot that any write changes (SQLite: the file's bytes and the files beside it; servers: every column and row count).
/// </summary>
public abstract class DatabaseUnderTest(MigrationOptions options)
{
    public MigrationOptions Options { get; } = options;

    public abstract Task ExecuteAsync(string sql);

    public abstract Task<string> SnapshotAsync();

    /// <summary>Takes the lock a migration runner waits for, as another runner or the panel would hold it.</summary>
    public abstract Task<IAsyncDisposable> HoldLockAsync();

    protected async Task<string> ServerSnapshotAsync(DbConnection connection, string columnsSql)
    {
        var lines = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = columnsSql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add($"{reader.GetString(0)}.{reader.GetString(1)} {reader.GetString(2)}");
        }
        foreach (var table in lines.Select(l => l[..l.IndexOf('.')]).Distinct().ToList())
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {Options.Kind switch { DatabaseKind.MySql => $"`{table}`", _ => $"\"{table}\"" }}";
            lines.Add($"{table}: {await count.ExecuteScalarAsync()} row(s)");
        }
        return string.Join("\n", lines);
    }
}

public sealed class SqliteUnderTest(string path) : DatabaseUnderTest(MigrationOptions.ForSqlite(path) with { Backup = new BackupOptions() })
{
    public string Path { get; } = path;

    public override Task ExecuteAsync(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public override Task<string> SnapshotAsync()
    {
        SqliteConnection.ClearAllPools();
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var files = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => f[folder.Length..]);
        return Task.FromResult(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path))) + "\n" + string.Join("\n", files));
    }

    public override Task<IAsyncDisposable> HoldLockAsync()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return Task.FromResult<IAsyncDisposable>(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

public sealed class PostgresUnderTest(string connectionString) : DatabaseUnderTest(MigrationOptions.ForPostgreSql(connectionString))
{
    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        return await ServerSnapshotAsync(connection,
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2");
    }

    public override async Task<IAsyncDisposable> HoldLockAsync()
    {
        var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlAdapter.LockKey(Options.VersionTable)})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}

public sealed class MariaDbUnderTest(string connectionString) : DatabaseUnderTest(MigrationOptions.ForMySql(connectionString))
{
    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<string> SnapshotAsync()
    {
        await using var connection = new MySqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        return await ServerSnapshotAsync(connection,
            "SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY 1, 2");
    }

    public override async Task<IAsyncDisposable> HoldLockAsync()
    {
        var connection = new MySqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT GET_LOCK(@name, 0)", connection);
        command.Parameters.AddWithValue("@name", MySqlAdapter.LockName(connection.Database, Options.VersionTable));
        await command.ExecuteScalarAsync();
        return connection;
    }
}
