using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary>The executor on a real MariaDB server, one fresh database per test.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbExecutorTests(MariaDbFixture mariaDb) : ExecutorTests
{
    private const string Bookkeeping = MariaDbCatalog.Bookkeeping;

    protected override bool TransactionalDdl => false;

    protected override string Quote(string identifier) => "`" + identifier.Replace("`", "``") + "`";

    protected override async Task<MigrationOptions> NewDatabaseAsync() => MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());

    protected override async Task<IReadOnlyList<string>> TablesAsync(MigrationOptions options)
    {
        await using var connection = new MySqlConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(
            $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN {Bookkeeping} ORDER BY TABLE_NAME")).ToList();
    }

    protected override Task<string> CatalogAsync(MigrationOptions options) => MariaDbCatalog.DumpAsync(options.ConnectionString);

    protected override System.Data.Common.DbConnection Connect(MigrationOptions options) => new MySqlConnection(options.ConnectionString);

    protected override async Task<long> CountAsync(MigrationOptions options, string sql)
    {
        await using var connection = new MySqlConnection(options.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    // MySqlConnector cancels a command after Default Command Timeout (30 s unless set) with KILL QUERY, which ends a SLEEP
    // early and silently; migration statements run without a client timeout, so the sleep runs its full length.
    [SkippableFact]
    public async Task AStatementLongerThanTheConnectionsCommandTimeoutIsNotCutOff()
    {
        var builder = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync()) { DefaultCommandTimeout = 1 };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await new MigrationRunner(TestMigrations.Statements("slow", "DO SLEEP(2.5)"), MigrationOptions.ForMySql(builder.ConnectionString)).UpgradeAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.4), $"the statement ended after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(["slow"], result.HeadsAfter);
    }

    [SkippableFact]
    public async Task AnUnversionedSchemaIsRefusedBeforeAnyStatementRuns()
    {
        var options = await NewDatabaseAsync();
        await using (var connection = new MySqlConnection(options.ConnectionString))
            await connection.ExecuteAsync("CREATE TABLE t_a (id INT PRIMARY KEY)");
        var runner = new MigrationRunner(TestMigrations.Graph("a", "b <- a"), options);

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.UpgradeAsync());

        Assert.Contains("stamp a", error.Message);
        Assert.Empty(await runner.CurrentAsync());
        Assert.Equal(["t_a"], await TablesAsync(options));
        // Refused before the first write: neither the version table nor the log table was created.
        Assert.Equal(0, await CountAsync(options,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('alembic_version', 'panel_migrations_log')"));
    }

    protected override async Task<IAsyncDisposable> HoldLockAsync(MigrationOptions options)
    {
        var connection = new MySqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        var name = Panel.Migrations.Execution.MySqlAdapter.LockName(connection.Database, options.VersionTable);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT GET_LOCK(@name, 0)", new DynamicParameters(new Dictionary<string, object> { ["name"] = name })));
        return new Held(connection.DisposeAsync);
    }
}
