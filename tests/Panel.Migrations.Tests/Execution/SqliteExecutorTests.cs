using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

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

    protected override System.Data.Common.DbConnection Connect(MigrationOptions options) => new SqliteConnection(options.ConnectionString);

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

    [Theory]
    [InlineData("plain.db")]
    [InlineData("with space.db")]
    [InlineData("semi;colon=equals.db")]
    [InlineData("it's \"quoted\".db")]
    public async Task ForSqliteOpensTheFileItNamesWhateverCharactersItsPathHolds(string name)
    {
        // ForSqlite writes a plain path into the connection string as it is and lets the builder quote any other.
        var path = System.IO.Path.Combine(_files.Folder, name);
        var options = MigrationOptions.ForSqlite(path);
        var map = TestMigrations.Graph("a");

        await new MigrationRunner(map, options).UpgradeAsync("a");

        Assert.Equal(path, new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
        Assert.True(System.IO.File.Exists(path), $"{path} was not created");
        Assert.Equal(["a"], await new MigrationRunner(map, MigrationOptions.ForSqlite(path)).CurrentAsync());
    }

    [Fact]
    public async Task ARunKeepsItsJournalBetweenStepsAndLeavesNoneBehind()
    {
        // A run of several steps switches its own connection to journal_mode PERSIST (no journal file created and deleted
        // per step), and back to DELETE at the end, which removes the file.
        var options = await NewDatabaseAsync();
        var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        const string record = "INSERT INTO journal_modes SELECT journal_mode FROM pragma_journal_mode";

        await new MigrationRunner(new MigrationMap([
            new MigrationInfo("m1", [], "records the journal mode", () => new TestMigrations.RunsSql("CREATE TABLE journal_modes (mode text)", record)),
            new MigrationInfo("m2", ["m1"], "records it again", () => new TestMigrations.RunsSql(record)),
        ]), options).UpgradeAsync();

        Assert.Equal(["persist", "persist"], await RowsAsync(options, "SELECT mode FROM journal_modes"));
        Assert.False(System.IO.File.Exists(path + "-journal"), "a journal was left behind");
        await using var connection = new SqliteConnection(options.ConnectionString);
        Assert.Equal("delete", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task ARunOfOneStepKeepsTheDeleteJournal()
    {
        // One step gains nothing from PERSIST (its commit creates the journal either way) and would pay one more fsync to
        // zero the journal's header: a deploy of one migration stays in SQLite's default mode.
        var options = await NewDatabaseAsync();

        await new MigrationRunner(TestMigrations.Statements("m",
            "CREATE TABLE journal_modes (mode text)",
            "INSERT INTO journal_modes SELECT journal_mode FROM pragma_journal_mode"), options).UpgradeAsync();

        Assert.Equal("delete", Assert.Single(await RowsAsync(options, "SELECT mode FROM journal_modes")));
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(MigrationOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(sql)).ToList();
    }

    [Fact]
    public async Task AWalDatabaseStaysInWalMode()
    {
        // WAL is a property of the file, and switching a connection to a rollback journal would convert it: a run leaves it.
        var options = await NewDatabaseAsync();
        await using (var connection = new SqliteConnection(options.ConnectionString))
            Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode = WAL"));
        SqliteConnection.ClearAllPools();

        await new MigrationRunner(TestMigrations.Graph("a", "b <- a"), options).UpgradeAsync();
        SqliteConnection.ClearAllPools();

        await using var again = new SqliteConnection(options.ConnectionString);
        Assert.Equal("wal", await again.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(["t_a", "t_b"], await TablesAsync(options));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _files.Dispose();
    }
}
