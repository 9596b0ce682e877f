using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Sample;

/// <summary>
/// Adopting a panel that aaPanel created itself: its tables, no version table, some of the later columns
/// already added by aaPanel's own guarded ALTERs. Upgrade refuses with the hint to stamp 001; after the
/// stamp, upgrade adds only what is missing and keeps every row and value byte for byte.
/// </summary>
public sealed class AdoptionTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    // What aaPanel's own start-up code had already added on this panel (the rest is missing).
    internal const string AlreadyAdded = """
        ALTER TABLE sites ADD type_id integer DEFAULT 0;
        ALTER TABLE users ADD salt TEXT;
        ALTER TABLE 'crontab' ADD 'status' INTEGER DEFAULT 1;
        """;

    // Rows in every table that the later revisions change, with aaPanel's text-in-REAL/INTEGER quirks.
    private const string Rows = """
        INSERT INTO sites (name, path, status, "index", ps, addtime, type_id) VALUES ('example.com', '/www/wwwroot/example.com', '1', 'index.html', 'a note', '2024-01-02 03:04:05', 3);
        INSERT INTO users (username, password, login_ip, login_time, phone, email, salt) VALUES ('admin', 'x', '127.0.0.1', '2024-01-02', '007123', 'a@b.c', 'pepper');
        INSERT INTO crontab (name, type, "where1", "where_hour", "where_minute", echo, addtime, status) VALUES ('backup', 'day', '', 1, 30, 'abc', '2024-01-02', 1);
        INSERT INTO databases (pid, name, username, password, accept, ps, addtime) VALUES (1, 'shop', 'shop', 'secret', '127.0.0.1', '3306', '2024-01-02');
        INSERT INTO domain (pid, name, port, addtime) VALUES (1, 'example.com', '80', '2024-01-02');
        INSERT INTO database_servers (db_host, db_port, db_user, db_password, ps, addtime) VALUES ('10.0.0.5', '3306', 'root', '007123', 'remote', '1700000000');
        """;

    [Fact]
    public async Task UpgradeRefusesThenStampAndUpgradeAddOnlyWhatIsMissingAndKeepEveryValue()
    {
        var path = _files.NewPath();
        await using (var legacy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await legacy.ExecuteAsync(LegacySchema.Sql);
            await legacy.ExecuteAsync(AlreadyAdded);
            await legacy.ExecuteAsync(Rows);
        }
        var before = await DumpAsync(path);
        var runner = new MigrationRunner(AaPanel.MigrationRegistry.Map, MigrationOptions.ForSqlite(path));

        var refusal = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.UpgradeAsync());
        Assert.StartsWith("Could not determine current revision", refusal.Message);
        Assert.Contains("'stamp 001'", refusal.Message);
        Assert.Equal(before, await DumpAsync(path));

        await runner.StampAsync("001");
        await runner.UpgradeAsync();

        Assert.Equal(AaPanel.MigrationRegistry.Map.Graph.Heads, await runner.CurrentAsync());
        var after = await DumpAsync(path);
        // Every value that was there is still there, byte for byte; new columns come after the old ones.
        foreach (var (table, rows) in before)
            Assert.Equal(rows, after[table].Select((row, i) => row[..rows[i].Length]).ToList());
        Assert.Contains("sites", after.Keys);
        Assert.True(await ColumnCountAsync(path, "sites", "parent_id") == 1, "the missing columns were added");
        Assert.True(await ColumnCountAsync(path, "sites", "type_id") == 1, "an existing column was kept, not added twice");
    }

    // Every row of every user table as (typeof, hex) pairs per column, in rowid order: byte-for-byte equality.
    private static async Task<Dictionary<string, List<string[]>>> DumpAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        var dump = new Dictionary<string, List<string[]>>();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY name");
        foreach (var table in tables)
        {
            var columns = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new DynamicParameters(new Dictionary<string, object> { ["table"] = table }))).ToList();
            var select = string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || COALESCE(hex(\"{c}\"), '')"));
            var rows = await connection.QueryAsync<string>($"SELECT {select} FROM \"{table}\" ORDER BY rowid");
            dump[table] = rows.Select(r => r.Split('|')).ToList();
        }
        return dump;
    }

    private static async Task<long> ColumnCountAsync(string path, string table, string column)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column",
            new DynamicParameters(new Dictionary<string, object> { ["table"] = table, ["column"] = column }));
    }

    public void Dispose() => _files.Dispose();
}
