using System;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Tests.Baseline;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Drift;

/// <summary><c>check --schema</c> on PostgreSQL: one difference of each kind, none on a database the chain built; the scratch database is always dropped.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDriftTests(PostgresFixture postgres) : IDisposable
{
    private readonly CliHarness _cli = new(DriftChain.Map(DatabaseKind.PostgreSql));

    public void Dispose() => _cli.Dispose();

    [PostgresFact]
    public async Task Every_kind_of_difference_is_reported_once_with_its_revision_and_the_database_is_not_changed()
    {
        var live = await UseDatabaseAsync();
        await new MigrationRunner(DriftChain.WithDrift(DatabaseKind.PostgreSql), MigrationOptions.ForPostgreSql(live)).UpgradeAsync("drift");
        await new MigrationRunner(_cli.Map, MigrationOptions.ForPostgreSql(live)).StampAsync("r2", purge: true);
        var before = await PostgresBaselineRoundTripTests.DescribeAsync(live);

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 1, run.ToString());
        DriftChain.AssertReported(SqliteDriftTests.Differences(run));
        Assert.Equal(before, await PostgresBaselineRoundTripTests.DescribeAsync(live));
        Assert.Equal(0L, await ScratchDatabasesAsync(live));
    }

    [PostgresTheory]
    [InlineData("r2")]
    [InlineData("r3")]
    public async Task A_database_built_by_the_chain_has_no_drift(string revision)
    {
        var live = await UseDatabaseAsync();
        await new MigrationRunner(_cli.Map, MigrationOptions.ForPostgreSql(live)).UpgradeAsync(revision);

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"No schema drift: the database's schema is the one its revisions make (at {revision}).", run.Out);
        Assert.Equal(0L, await ScratchDatabasesAsync(live));
    }

    [PostgresFact]
    public async Task A_failing_revision_still_drops_the_scratch_database()
    {
        var live = await UseDatabaseAsync();
        await new MigrationRunner(_cli.Map, MigrationOptions.ForPostgreSql(live)).UpgradeAsync("r1");
        _cli.Map = new MigrationMap([new MigrationInfo("r1", [], "fails", () => new Batch.LambdaMigration(op => op.Execute("SELECT * FROM no_such_table"), null))]);

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode is not (0 or 1), run.ToString());
        Assert.Contains("Revision r1 failed while building the revisions' schema in a scratch database", run.Error);
        Assert.Equal(0L, await ScratchDatabasesAsync(live));
    }

    private async Task<string> UseDatabaseAsync()
    {
        var live = await postgres.CreateDatabaseAsync();
        var server = new NpgsqlConnectionStringBuilder(live);
        var password = string.IsNullOrEmpty(server.Password) ? "" : ":" + Uri.EscapeDataString(server.Password);
        _cli.Environment["DATABASE_URI"] = $"postgresql://{Uri.EscapeDataString(server.Username!)}{password}@{server.Host}:{server.Port}/{server.Database}";
        return live;
    }

    private static async Task<long> ScratchDatabasesAsync(string live) =>
        (long)(await PostgresBaselineRoundTripTests.QueryAsync(live, "SELECT count(*) FROM pg_database WHERE datname LIKE 'panel_drift_%'"))[0][0]!;
}
