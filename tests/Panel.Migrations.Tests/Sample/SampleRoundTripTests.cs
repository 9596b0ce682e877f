using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Sample;

/// <summary>
/// aaPanel's real migrations through the generated registry, on each database: from empty to head, back to
/// base, and up again; each time the 27 baseline tables and the later ones are there, or all gone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SampleRoundTripTests(PostgresFixture postgres) : IDisposable
{
    private static readonly MigrationMap Map = AaPanel.MigrationRegistry.Map;
    private readonly SqliteFiles _files = new();

    [Fact]
    public Task OnSqlite() => RoundTripAsync(MigrationOptions.ForSqlite(_files.NewPath()), options =>
        Query(new SqliteConnection(options.ConnectionString), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"));

    [PostgresFact]
    public async Task OnPostgreSql() => await RoundTripAsync(MigrationOptions.ForPostgreSql(await postgres.CreateDatabaseAsync()), options =>
        Query(new NpgsqlConnection(options.ConnectionString), "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));

    private static async Task RoundTripAsync(MigrationOptions options, Func<MigrationOptions, Task<List<string>>> tables)
    {
        var runner = new MigrationRunner(Map, options);

        var up = await runner.UpgradeAsync();
        Assert.Equal(Map.Migrations.Count, up.Steps.Count);
        Assert.Equal(Map.Graph.Heads, await runner.CurrentAsync());
        var atHead = await tables(options);
        Assert.Superset(new HashSet<string>(LegacySchema.TableNames), new HashSet<string>(atHead));
        Assert.Contains("api_keys", atHead);

        await runner.DowngradeAsync("base");
        Assert.Empty(await runner.CurrentAsync());
        Assert.Equal(["alembic_version"], (await tables(options)).Where(t => t != "panel_migrations_log"));

        await runner.UpgradeAsync();
        Assert.Equal(atHead.Order(), (await tables(options)).Order());
    }

    internal static async Task<List<string>> Query(System.Data.Common.DbConnection connection, string sql)
    {
        await using (connection)
            return (await connection.QueryAsync<string>(sql)).ToList();
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>The same round trip on a real MariaDB server.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSampleRoundTripTests(MariaDbFixture mariaDb)
{
    [MariaDbFact]
    public async Task OnMariaDb()
    {
        var options = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());
        var runner = new MigrationRunner(AaPanel.MigrationRegistry.Map, options);
        const string Tables = "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('alembic_version', 'panel_migrations_log')";

        await runner.UpgradeAsync();
        var atHead = await SampleRoundTripTests.Query(new MySqlConnection(options.ConnectionString), Tables);
        Assert.Contains("sites", atHead);
        Assert.Contains("api_keys", atHead);

        await runner.DowngradeAsync("base");
        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await SampleRoundTripTests.Query(new MySqlConnection(options.ConnectionString), Tables));

        await runner.UpgradeAsync();
        Assert.Equal(AaPanel.MigrationRegistry.Map.Graph.Heads, await runner.CurrentAsync());
        await using var connection = new MySqlConnection(options.ConnectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM panel_migrations_log WHERE status <> 'done'"));
    }
}

/// <summary>The README's quick start, as a process in a fresh folder with no configuration: data/default.db at head.</summary>
public sealed class QuickStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("panel-quickstart-").FullName;

    [Fact]
    public async Task UpgradeWithNoConfigurationCreatesTheDefaultDatabaseAtHead()
    {
        var run = await SampleProcesses.RunInAsync(_folder, null, "upgrade");

        Assert.True(run.ExitCode == 0, run.Error);
        var database = Path.Combine(_folder, "data", "default.db");
        Assert.True(File.Exists(database), "data/default.db was created");
        var heads = await SampleRoundTripTests.Query(new SqliteConnection($"Data Source={database};Pooling=False"), "SELECT version_num FROM alembic_version");
        Assert.Equal(AaPanel.MigrationRegistry.Map.Graph.Heads, heads);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
