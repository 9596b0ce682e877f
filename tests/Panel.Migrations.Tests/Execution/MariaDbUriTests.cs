using System;
using System.Threading.Tasks;
using MySqlConnector;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary><c>mysql://</c> and <c>mariadb://</c> URIs end in connection strings MySqlConnector understands and reach the server.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbUriTests(MariaDbFixture mariaDb)
{
    [Fact]
    public void EveryMySqlUriParameterIsAKeyMySqlConnectorKnows()
    {
        var uri = DatabaseUri.Parse("mysql://u:p%40ss@db.example:3307/panel?charset=utf8mb4&ssl_mode=verify_ca&connect_timeout=7&ssl_ca=/ca.pem&ssl_cert=/c.pem&ssl_key=/k.pem");

        var builder = new MySqlConnectionStringBuilder(uri.ToConnectionString());

        Assert.Equal(("db.example", 3307u, "u", "p@ss", "panel"), (builder.Server, builder.Port, builder.UserID, builder.Password, builder.Database));
        Assert.Equal("utf8mb4", builder.CharacterSet);
        Assert.Equal(MySqlSslMode.VerifyCA, builder.SslMode);
        Assert.Equal(7u, builder.ConnectionTimeout);
        Assert.Equal(("/ca.pem", "/c.pem", "/k.pem"), (builder.SslCa, builder.SslCert, builder.SslKey));
    }

    [MariaDbFact]
    public async Task AMariaDbUriUpgradesTheServer()
    {
        var server = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync());
        var uri = $"mariadb://{Uri.EscapeDataString(server.UserID)}:{Uri.EscapeDataString(server.Password)}@{server.Server}:{server.Port}/{server.Database}?charset=utf8mb4";
        var runner = new MigrationRunner(TestMigrations.Graph("a", "b <- a"), MigrationOptions.FromUri(uri));

        await runner.UpgradeAsync();

        Assert.Equal(["b"], await runner.CurrentAsync());
    }
}
