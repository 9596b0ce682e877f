using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Schema;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Drift;

/// <summary>
/// #25 item 7: a scratch database left by a process killed with SIGKILL (check --schema, backup verify, squash --verify)
/// is dropped by the next run that makes one with the same prefix once it is a day old; a recent one (another run's) stays.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresScratchLeftOverTests(PostgresFixture postgres)
{
    [PostgresFact]
    public async Task The_next_scratch_database_drops_a_day_old_left_over()
    {
        var live = MigrationOptions.ForPostgreSql(await postgres.CreateDatabaseAsync());
        var (old, recent) = Names("panel_drift_");
        await using var server = new NpgsqlConnection(live.ConnectionString);
        foreach (var name in new[] { old, recent })
            await server.ExecuteAsync($"CREATE DATABASE \"{name}\"");

        await using (await ScratchDatabase.CreateAsync(live, CancellationToken.None))
        {
        }

        var left = await server.QueryAsync<string>("SELECT datname FROM pg_database WHERE datname LIKE 'panel\\_drift\\_%'");
        Assert.DoesNotContain(old, left);
        Assert.Contains(recent, left);
        await server.ExecuteAsync($"DROP DATABASE \"{recent}\"");
    }

    internal static (string Old, string Recent) Names(string prefix) =>
        (prefix + DateTime.UtcNow.AddDays(-2).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_0123abcd",
         prefix + DateTime.UtcNow.AddMinutes(-5).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_4567cdef");
}

/// <summary>The MariaDB case of <see cref="PostgresScratchLeftOverTests"/>.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbScratchLeftOverTests(MariaDbFixture mariaDb)
{
    [MariaDbFact]
    public async Task The_next_scratch_database_drops_a_day_old_left_over()
    {
        var live = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());
        var (old, recent) = PostgresScratchLeftOverTests.Names("panel_verify_");
        await using var server = new MySqlConnection(live.ConnectionString);
        foreach (var name in new[] { old, recent })
            await server.ExecuteAsync($"CREATE DATABASE `{name}`");

        await using (await ScratchDatabase.CreateAsync(live, CancellationToken.None, "panel_verify_"))
        {
        }

        var left = new List<string>(await server.QueryAsync<string>("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'panel\\_verify\\_%'"));
        Assert.DoesNotContain(old, left);
        Assert.Contains(recent, left);
        await server.ExecuteAsync($"DROP DATABASE `{recent}`");
    }
}
