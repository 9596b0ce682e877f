using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Panel.Migrations.Hosting;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Hosting;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// One <c>upgrade</c> of the sample on PostgreSQL opens one connection for the whole run, counted by the server: from the
/// command line and from a host's start-up alike.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionCountTests(PostgresFixture postgres) : IDisposable
{
    private readonly CliHarness _cli = new(AaPanel.MigrationRegistry.Map);

    public void Dispose() => _cli.Dispose();

    [PostgresFact]
    public async Task An_upgrade_of_the_sample_opens_one_connection()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        _cli.Environment["DATABASE_URI"] = TestDatabaseUris.PostgreSql(connectionString).Uri;
        // Without the pool every open is a new server session, so the server's count of sessions is the count of opens.
        _cli.Configure = o => o with { ConfigureMigrations = m => m with { ConnectionString = m.ConnectionString + ";Pooling=false" } };
        var before = await SessionsAsync(database);

        var run = await _cli.RunAsync("upgrade");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(before + 1, await SettledSessionsAsync(database, before + 1));
    }

    [PostgresFact]
    public async Task A_start_up_upgrade_of_the_sample_opens_one_connection()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var log = new CapturingLoggerProvider();
        builder.Logging.AddProvider(log).SetMinimumLevel(LogLevel.Information); // the start line says where the run began
        builder.Services.AddPanelMigrations(AaPanel.MigrationRegistry.Map, o =>
        {
            o.Migration = MigrationOptions.ForPostgreSql(connectionString + ";Pooling=false");
            o.UpgradeOnStart = true;
            o.AutomaticBackups = BackupPolicy.Never; // a backup is a session of its own (pg_dump)
        });
        using var host = builder.Build();
        var before = await SessionsAsync(database);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(log.Lines, l => l.StartsWith("Information Upgrading", StringComparison.Ordinal) && l.EndsWith("; at <base>", StringComparison.Ordinal));
        Assert.Equal(before + 1, await SettledSessionsAsync(database, before + 1));
    }

    // The statistics of a session reach pg_stat_database when it ends; wait until the count stops moving.
    private static async Task<long> SettledSessionsAsync(NpgsqlConnectionStringBuilder database, long expected)
    {
        var clock = Stopwatch.StartNew();
        var count = await SessionsAsync(database);
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(200);
            var now = await SessionsAsync(database);
            if (now == count && now >= expected && clock.Elapsed > TimeSpan.FromSeconds(1))
                break;
            count = now;
        }
        return count;
    }

    // Counted from the server's own database, so the question itself is not a session of the migrated one.
    private static async Task<long> SessionsAsync(NpgsqlConnectionStringBuilder database)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sessions FROM pg_stat_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database.Database!);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
