using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Tasks;
using Panel.Migrations.Operations;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// <c>upgrade --plan --json</c> on each database, compared with a checked-in golden file (docs/plan.md documents the schema;
/// PANEL_UPDATE_SNAPSHOTS=1 rewrites the files, except in CI).
/// </summary>
public abstract class PlanJsonGoldenTests : IDisposable
{
    // A table, then a change of its column's type (SQLite rebuilds, PostgreSQL alters, MySQL renders from the live column)
    // and an UPDATE whose value travels as a parameter.
    protected static readonly MigrationMap Map = new(
    [
        new MigrationInfo("001", [], "create 001", () => new TestMigrations.CreatesTable("001")),
        new MigrationInfo("002", ["001"], "widen name", () => new WidensName()),
    ]);

    private protected CliHarness Cli { get; } = new(Map);

    public void Dispose() => Cli.Dispose();

    private protected async Task MatchesGoldenAsync(string kind, string databaseName, [CallerFilePath] string caller = "")
    {
        await Cli.RunAsync("upgrade", "001");
        var run = await Cli.RunAsync("upgrade", "--plan", "--json");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var json = run.Out.Replace(databaseName, "<database>", StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json))
            Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());

        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Golden", $"plan.{kind}.json");
        if (Environment.GetEnvironmentVariable("PANEL_UPDATE_SNAPSHOTS") == "1" && !ServerFixture.InCi)
            File.WriteAllText(path, json);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with PANEL_UPDATE_SNAPSHOTS=1 to write it, then review and commit it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), json);
    }

    private sealed class WidensName : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.BatchAlterTable("t_001", t => t.AlterColumn("name", SqlType.String(100)));
            op.Execute("UPDATE t_001 SET name = @name WHERE name = ''", new SqlArgument("name", "unnamed"));
        }

        public override void Down(MigrationBuilder op) => op.BatchAlterTable("t_001", t => t.AlterColumn("name", SqlType.String(50)));
    }
}

public sealed class SqlitePlanJsonGoldenTests : PlanJsonGoldenTests
{
    [Fact]
    public Task The_plan_of_a_SQLite_upgrade_matches_its_golden_file() => MatchesGoldenAsync("sqlite", Cli.DatabaseUri);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPlanJsonGoldenTests(PostgresFixture postgres) : PlanJsonGoldenTests
{
    [PostgresFact]
    public async Task The_plan_of_a_PostgreSQL_upgrade_matches_its_golden_file()
    {
        var (uri, shown) = TestDatabaseUris.PostgreSql(await postgres.CreateDatabaseAsync());
        Cli.Environment["DATABASE_URI"] = uri;
        await MatchesGoldenAsync("postgresql", shown);
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbPlanJsonGoldenTests(MariaDbFixture mariadb) : PlanJsonGoldenTests
{
    [Fact]
    public async Task The_plan_of_a_MariaDB_upgrade_matches_its_golden_file()
    {
        var (uri, shown) = TestDatabaseUris.MySql(await mariadb.CreateDatabaseAsync());
        Cli.Environment["DATABASE_URI"] = uri;
        await MatchesGoldenAsync("mysql", shown);
    }
}
