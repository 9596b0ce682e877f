using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary>Connection problems on MySQL/MariaDB: a clear error each, no password in it, nothing changed.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbBadInputTests(MariaDbFixture mariaDb)
{
    private static readonly MigrationMap Linear = TestMigrations.Graph("a", "b <- a");
    private static readonly RetryPolicy Quick = new(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));

    [MariaDbFact]
    public async Task AnUnknownDatabaseIsAClearError()
    {
        var builder = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync()) { Database = "panel_no_such_db" };
        var runner = new MigrationRunner(Linear, MigrationOptions.ForMySql(builder.ConnectionString) with { Retry = Quick });

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.StartsWith("Cannot connect to the MySQL/MariaDB database", error.Message);
        Assert.Contains("Unknown database 'panel_no_such_db'", error.Message);
        Assert.DoesNotContain(builder.Password, error.ToString());
        await using var admin = new MySqlConnection(mariaDb.ServerConnectionString);
        Assert.Equal(0L, await admin.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'panel_no_such_db'"));
    }

    [MariaDbFact]
    public async Task AWrongPasswordIsAClearErrorWithoutThePasswordAndChangesNothing()
    {
        var good = await mariaDb.CreateDatabaseAsync();
        var builder = new MySqlConnectionStringBuilder(good) { Password = "wr0ng-s3cret-pw" };
        var runner = new MigrationRunner(Linear, MigrationOptions.ForMySql(builder.ConnectionString) with { Retry = Quick });

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.StartsWith("Cannot connect to the MySQL/MariaDB database", error.Message);
        Assert.Contains("Access denied", error.Message);
        Assert.DoesNotContain("wr0ng-s3cret-pw", error.ToString());
        Assert.DoesNotContain(new MySqlConnectionStringBuilder(good).Password, error.ToString());
        await using var connection = new MySqlConnection(good);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    }

    [MariaDbFact]
    public async Task AServerThatIsDownIsRetriedThenAClearErrorWithoutThePassword()
    {
        var builder = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync()) { Port = (uint)FreePort(), Password = "s3cret-pw", ConnectionTimeout = 2 };
        var attempts = new RetryPolicy(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        var runner = new MigrationRunner(Linear, MigrationOptions.ForMySql(builder.ConnectionString) with { Retry = attempts });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.StartsWith("Cannot connect to the MySQL/MariaDB database", error.Message);
        Assert.Contains("DATABASE_URI", error.Message);
        Assert.DoesNotContain("s3cret-pw", error.ToString());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"retried with back-off (took {clock.Elapsed})");
    }

    [MariaDbFact]
    public async Task TheLockIsReleasedAfterARunAndByADeadConnection()
    {
        var options = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync()) with { LockTimeout = TimeSpan.FromSeconds(1), Retry = RetryPolicy.None };
        await new MigrationRunner(Linear, options).UpgradeAsync("a");

        var unpooled = new MySqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString;
        await using var other = new MySqlConnection(unpooled);
        await other.OpenAsync();
        var parameters = new DynamicParameters();
        parameters.Add("name", Panel.Migrations.Execution.MySqlAdapter.LockName(other.Database, options.VersionTable));
        Assert.Equal(1L, await other.ExecuteScalarAsync<long>("SELECT GET_LOCK(@name, 0)", parameters));
        await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(Linear, options).UpgradeAsync());

        // The holder's connection dies without releasing: the server frees the lock and the next run proceeds.
        var id = await other.ExecuteScalarAsync<long>("SELECT CONNECTION_ID()");
        await using (var admin = new MySqlConnection(unpooled))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"KILL {id}");
        }
        await Task.Delay(200);

        await new MigrationRunner(Linear, options).UpgradeAsync();
        Assert.Equal(["b"], await new MigrationRunner(Linear, options).CurrentAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
