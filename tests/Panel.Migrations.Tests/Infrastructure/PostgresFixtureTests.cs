using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresFixtureTests
{
    private readonly PostgresFixture _postgres;

    public PostgresFixtureTests(PostgresFixture postgres) => _postgres = postgres;

    [PostgresFact]
    public async Task NewDatabaseIsEmptyAndTakesDdl()
    {
        var connectionString = await _postgres.CreateDatabaseAsync();
        var expected = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Assert.StartsWith("panel_test_", expected);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(expected, await ScalarAsync<string>(connection, "SELECT current_database()"));
        Assert.True(int.Parse(await ScalarAsync<string>(connection, "SHOW server_version_num"), System.Globalization.CultureInfo.InvariantCulture) >= 150000);
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));

        await ExecuteAsync(connection, "CREATE TABLE widget (id integer PRIMARY KEY, name text NOT NULL)");
        await ExecuteAsync(connection, "INSERT INTO widget VALUES (1, 'a'), (2, 'b')");
        Assert.Equal(2L, await ScalarAsync<long>(connection, "SELECT count(*) FROM widget"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [PostgresFact]
    public async Task TwoDatabasesAreIsolated()
    {
        var first = await _postgres.CreateDatabaseAsync();
        var second = await _postgres.CreateDatabaseAsync();
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);

        await using var a = new NpgsqlConnection(first);
        await using var b = new NpgsqlConnection(second);
        await a.OpenAsync();
        await b.OpenAsync();

        await ExecuteAsync(a, "CREATE TABLE item (id integer PRIMARY KEY)");
        await ExecuteAsync(a, "INSERT INTO item VALUES (1), (2), (3)");
        Assert.Null(await ScalarAsync<string?>(b, "SELECT to_regclass('public.item')::text"));

        // The same name in the other database is a different table.
        await ExecuteAsync(b, "CREATE TABLE item (id integer PRIMARY KEY)");
        await ExecuteAsync(b, "INSERT INTO item VALUES (10)");
        Assert.Equal(3L, await ScalarAsync<long>(a, "SELECT count(*) FROM item"));
        Assert.Equal(1L, await ScalarAsync<long>(b, "SELECT count(*) FROM item"));
    }

    [PostgresFact]
    public async Task DisposeDropsTheDatabasesEvenWithOpenConnections()
    {
        string name;
        var fixture = new PostgresFixture(_postgres.ServerConnectionString);
        await fixture.InitializeAsync();
        var connectionString = await fixture.CreateDatabaseAsync();
        name = new NpgsqlConnectionStringBuilder(connectionString).Database!;

        // A connection still open (outside any pool) when the fixture goes: WITH (FORCE) ends it.
        await using var open = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await open.OpenAsync();
        await ExecuteAsync(open, "CREATE TABLE t (id integer)");
        await fixture.DisposeAsync();

        await using var server = new NpgsqlConnection(_postgres.ServerConnectionString);
        await server.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        command.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is System.DBNull ? default! : (T)value!;
    }
}
