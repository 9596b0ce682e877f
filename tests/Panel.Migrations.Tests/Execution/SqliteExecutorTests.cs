using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Execution;

/// <summary>The executor on real SQLite files.</summary>
public sealed class SqliteExecutorTests : ExecutorTests, IDisposable
{
    private readonly SqliteFiles _files = new();

    protected override Task<MigrationOptions> NewDatabaseAsync() => Task.FromResult(MigrationOptions.ForSqlite(_files.NewPath()));

    protected override async Task<IReadOnlyList<string>> TablesAsync(MigrationOptions options)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY name")).ToList();
    }

    protected override async Task<string> CatalogAsync(MigrationOptions options)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        var rows = await connection.QueryAsync<string>(
            "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY type, name");
        return string.Join("\n", rows);
    }

    protected override async Task<long> CountAsync(MigrationOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    protected override async Task<IAsyncDisposable> HoldLockAsync(MigrationOptions options)
    {
        var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: false);
        return new Held(async () => { await transaction.DisposeAsync(); await connection.DisposeAsync(); });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _files.Dispose();
    }
}
