using System.Threading.Tasks;
using Panel.Migrations.Testing;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Testing;

/// <summary>
/// The stairway on PostgreSQL: the branched graph passes, the leaky Down fails naming c1 and the index, and the sample's
/// whole stairway passes (its time goes to the test log; docs/testing.md quotes it). Each run makes and drops its own database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStairwayTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private TestDatabase Server => TestDatabase.PostgreSql(postgres.ServerConnectionString);

    [PostgresFact]
    public async Task A_graph_with_a_branch_and_a_merge_passes() =>
        Assert.Equal(5, (await MigrationStairway.RunAsync(BranchedGraph.Map(), Server)).Steps.Count);

    [PostgresFact]
    public async Task A_Down_that_leaves_an_index_behind_fails_naming_the_revision()
    {
        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(BranchedGraph.WithLeakyDown(), Server));

        Assert.Equal("c1", error.Revision);
        Assert.Contains("after its downgrade the schema is not the one before its upgrade:\n  - index ix_notes_body (ON notes (body)) is there after the downgrade", error.Message);
    }

    [PostgresFact]
    public async Task The_sample_passes_the_stairway() => output.WriteLine((await MigrationStairway.RunAsync(AaPanel.MigrationRegistry.Map, Server)).ToString());

    [PostgresFact]
    public async Task The_throwaway_database_is_dropped_afterwards()
    {
        string name;
        await using (var db = await Server.CreateAsync())
            name = new Npgsql.NpgsqlConnectionStringBuilder(db.Options.ConnectionString).Database!;

        await using var connection = new Npgsql.NpgsqlConnection(postgres.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", connection);
        command.Parameters.AddWithValue("n", name);
        Assert.StartsWith("panel_test_", name);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}

/// <summary>The stairway on MariaDB: the branched graph, the leaky Down, and the sample's whole stairway.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbStairwayTests(MariaDbFixture mariaDb, ITestOutputHelper output)
{
    private TestDatabase Server => TestDatabase.MySql(mariaDb.ServerConnectionString);

    [MariaDbFact]
    public async Task A_graph_with_a_branch_and_a_merge_passes() =>
        Assert.Equal(5, (await MigrationStairway.RunAsync(BranchedGraph.Map(), Server)).Steps.Count);

    [MariaDbFact]
    public async Task A_Down_that_leaves_an_index_behind_fails_naming_the_revision()
    {
        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(BranchedGraph.WithLeakyDown(), Server));

        Assert.Equal("c1", error.Revision);
        // MariaDB indexes a TEXT column by a prefix: the index is shown as the server keeps it.
        Assert.Contains("after its downgrade the schema is not the one before its upgrade:\n  - index ix_notes_body (BTREE ON notes (body(768))) is there after the downgrade", error.Message);
    }

    [MariaDbFact]
    public async Task The_sample_passes_the_stairway() => output.WriteLine((await MigrationStairway.RunAsync(AaPanel.MigrationRegistry.Map, Server)).ToString());
}
