using System;
using System.IO;
using System.Threading.Tasks;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>ADO.NET connection strings given to --database-uri and DATABASE_URI: real runs on SQLite and both servers.</summary>
public sealed class ConnectionStringCliTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    [Fact]
    public async Task A_sqlite_connection_string_upgrades_and_is_shown_as_its_uri()
    {
        var upgrade = await _cli.RunAsync("upgrade", "--database-uri", "Data Source=panel.db");
        Assert.Equal(0, upgrade.ExitCode);
        Assert.Equal($"Database: sqlite:///{_cli.Folder}/panel.db (development, from --database-uri)", upgrade.OutLines[0]);

        _cli.Environment["DATABASE_URI"] = "Data Source=panel.db;Mode=ReadOnly";
        Assert.Equal(["002 (head)"], (await _cli.RunAsync("current")).OutLines);
        Assert.Equal(["002"], CliHarness.Query(Path.Combine(_cli.Folder, "panel.db"), "SELECT version_num FROM alembic_version"));
    }

    [Theory]
    [InlineData("--database-uri")]
    [InlineData("DATABASE_URI")]
    public async Task A_refused_string_names_where_it_came_from_and_hides_the_password(string source)
    {
        const string secret = "Zq9' ;\"x";
        var text = new System.Data.Common.DbConnectionStringBuilder { ["Host"] = "db", ["Database"] = "panel", ["Password"] = secret, ["Include Error Detail"] = "true" }.ConnectionString;
        string[] args = source == "DATABASE_URI" ? ["current"] : ["current", "--database-uri", text];
        if (source == "DATABASE_URI")
            _cli.Environment["DATABASE_URI"] = text;

        var run = await _cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"FAILED: {source} 'host=db;database=panel;password=***;include error detail=***' is a connection string that has the key 'include error detail', which is refused", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq9", run.Out + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    public void Dispose() => _cli.Dispose();
}

/// <summary>The test server's own connection string (an Npgsql one) as DATABASE_URI.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionStringCliTests(PostgresFixture postgres)
{
    [PostgresFact]
    public async Task Upgrade_and_current_through_an_npgsql_connection_string()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await ServerConnectionString.UpgradeAndCurrentAsync(connectionString, TestDatabaseUris.PostgreSql(connectionString).Shown, new NpgsqlConnectionStringBuilder(connectionString).Password!);
    }
}

/// <summary>The test server's own connection string (a MySqlConnector one) as DATABASE_URI.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbConnectionStringCliTests(MariaDbFixture mariaDb)
{
    [MariaDbFact]
    public async Task Upgrade_and_current_through_a_mysqlconnector_connection_string()
    {
        var connectionString = await mariaDb.CreateDatabaseAsync();
        await ServerConnectionString.UpgradeAndCurrentAsync(connectionString, TestDatabaseUris.MySql(connectionString).Shown, new MySqlConnectionStringBuilder(connectionString).Password);
    }
}

/// <summary>The run both servers share: upgrade through DATABASE_URI, current through --database-uri, the password never shown.</summary>
internal static class ServerConnectionString
{
    public static async Task UpgradeAndCurrentAsync(string connectionString, string shown, string password)
    {
        using var cli = new CliHarness(TestMigrations.Graph("001", "002 <- 001"));
        cli.Environment["DATABASE_URI"] = connectionString;

        var upgrade = await cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(0, upgrade.ExitCode);
        Assert.Equal($"Database: {shown} (development, from DATABASE_URI)", upgrade.OutLines[0]);
        Assert.Equal(["002 (head)"], (await cli.RunAsync("current", "--database-uri", connectionString)).OutLines);
        Assert.DoesNotContain(password, upgrade.Out + upgrade.Error, StringComparison.Ordinal);
    }
}
