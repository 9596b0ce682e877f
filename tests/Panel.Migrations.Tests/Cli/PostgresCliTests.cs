using System;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>The command line against a real PostgreSQL database given as DATABASE_URI.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCliTests(PostgresFixture postgres) : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    [PostgresFact]
    public async Task Upgrade_current_check_and_downgrade_with_the_password_masked()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        (_cli.Environment["DATABASE_URI"], var shown) = TestDatabaseUris.PostgreSql(connectionString);

        var upgrade = await _cli.RunAsync("upgrade");
        Assert.Equal(0, upgrade.ExitCode);
        Assert.Equal(
        [
            $"Database: {shown} (development, from DATABASE_URI)",
            "Running upgrade  -> 001, create 001",
            "Running upgrade 001 -> 002, create 002",
            "Done: 2 migration(s) applied; the database is at 002.",
        ], upgrade.OutLines);
        Assert.Equal(["002 (head)"], (await _cli.RunAsync("current")).OutLines);
        Assert.Equal(0, (await _cli.RunAsync("check")).ExitCode);

        var downgrade = await _cli.RunAsync("downgrade", "base");
        Assert.Equal(0, downgrade.ExitCode);
        Assert.Contains(downgrade.OutLines, l => l.StartsWith("Backup: ", StringComparison.Ordinal) && l.EndsWith(".dump (at 002, checked with pg_restore --list)", StringComparison.Ordinal));
        Assert.Equal(1, (await _cli.RunAsync("check")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("upgrade", "zzz")).ExitCode);
        Assert.Equal("", (await _cli.RunAsync("current")).Out);

        if (server.Password is { Length: > 0 } secret)
        {
            foreach (var run in new[] { upgrade, downgrade })
            {
                Assert.DoesNotContain(secret, run.Out + run.Error);
            }
        }
    }

    public void Dispose() => _cli.Dispose();
}
