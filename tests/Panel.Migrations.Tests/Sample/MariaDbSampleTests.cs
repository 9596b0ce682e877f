using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AaPanel.Migrations;
using Dapper;
using MySqlConnector;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Sample;

/// <summary>aaPanel's real migrations (samples/AaPanel) on a real MariaDB server: up to head, down to base, up again.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSampleTests(MariaDbFixture mariaDb)
{
    // The registry is not generated for the sample yet: build the same map from the [Migration] classes.
    private static MigrationMap SampleMap() => new(
        typeof(InitialBaseline).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<MigrationAttribute>()))
            .Where(m => m.Attribute is not null && typeof(Migration).IsAssignableFrom(m.Type))
            .Select(m => new MigrationInfo(
                m.Attribute!.Revision,
                m.Attribute.DownRevisions ?? (m.Attribute.DownRevision is null ? [] : [m.Attribute.DownRevision]),
                m.Attribute.Message ?? "",
                () => (Migration)Activator.CreateInstance(m.Type)!)));

    private static async Task<List<string>> TablesAsync(MigrationOptions options)
    {
        await using var connection = new MySqlConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY TABLE_NAME")).ToList();
    }

    [MariaDbFact]
    public async Task TheSampleUpgradesToHeadDowngradesToBaseAndUpgradesAgain()
    {
        var map = SampleMap();
        var options = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());
        var runner = new MigrationRunner(map, options);

        var up = await runner.UpgradeAsync();
        Assert.Equal(map.Graph.PlanUpgrade([], "head").Steps.Count, up.Steps.Count);
        Assert.Contains("sites", await TablesAsync(options));
        Assert.Contains("api_keys", await TablesAsync(options));

        await runner.DowngradeAsync("base");
        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));

        await runner.UpgradeAsync();
        Assert.Equal(map.Graph.Heads, await runner.CurrentAsync());
        await using var connection = new MySqlConnection(options.ConnectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM panel_migrations_log WHERE status <> 'done'"));
    }
}
