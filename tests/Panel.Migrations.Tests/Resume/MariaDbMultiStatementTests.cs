using System.Threading.Tasks;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using static Panel.Migrations.Tests.Infrastructure.MariaDbCatalog;

namespace Panel.Migrations.Tests.Resume;

/// <summary>
/// What PMIG063 warns of, run on a real MariaDB: two statements in one <c>op.Execute</c> call are one journal entry, so
/// when the second fails the first stays applied while the journal counts nothing done, and running the step again meets
/// the first statement's column. The same two statements in two calls fail at the second, and <c>--resume</c> finishes.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbMultiStatementTests(MariaDbFixture mariaDb)
{
    private const string First = "ALTER TABLE acct ADD COLUMN a INT";
    private const string Second = "ALTER TABLE side ADD COLUMN s INT";

    [MariaDbFact]
    public async Task TwoStatementsInOneCallKeepTheFirstWhileTheJournalCountsNoneAndARunAgainMeetsIt()
    {
        var map = Map(op => op.Execute(First + "; " + Second));
        var database = await StoppedAtTheSecondStatementAsync(map);

        Assert.Equal(1, await ScalarAsync(database, ColumnCount("acct", "a"))); // the first statement took effect...
        Assert.Equal("failed 0 0", await JournalAsync(database)); // ...while the journal counts none done
        Assert.Null(await new MigrationRunner(map, MigrationOptions.ForMySql(database)).FindHalfAppliedStepAsync());

        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s"); // the cause is gone
        var again = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(map, MigrationOptions.ForMySql(database) with { Resume = true }).UpgradeAsync());

        Assert.Contains("Duplicate column name 'a'", again.Message);
        Assert.Equal(["rs1"], await new MigrationRunner(map, MigrationOptions.ForMySql(database)).CurrentAsync());
    }

    [MariaDbFact]
    public async Task OneStatementPerCallIsJournaledEachAndResumes()
    {
        var map = Map(op =>
        {
            op.Execute(First);
            op.Execute(Second);
        });
        var database = await StoppedAtTheSecondStatementAsync(map);

        Assert.Equal("failed 1 1", await JournalAsync(database));
        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s");

        var result = await new MigrationRunner(map, MigrationOptions.ForMySql(database) with { Resume = true }).UpgradeAsync();

        Assert.Equal(["rs2"], result.HeadsAfter);
        Assert.Equal(1, await ScalarAsync(database, ColumnCount("acct", "a")));
        Assert.Equal(1, await ScalarAsync(database, ColumnCount("side", "s")));
    }

    // rs1 applied, then a column side.s made by hand (the cause), then the upgrade, which fails at the second statement.
    private async Task<string> StoppedAtTheSecondStatementAsync(MigrationMap map)
    {
        var database = await mariaDb.CreateDatabaseAsync();
        await new MigrationRunner(map, MigrationOptions.ForMySql(database)).UpgradeAsync("rs1");
        await ExecuteAsync(database, "ALTER TABLE side ADD COLUMN s VARCHAR(5)");
        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(map, MigrationOptions.ForMySql(database)).UpgradeAsync());
        Assert.Contains("Duplicate column name 's'", error.Message);
        return database;
    }

    private static MigrationMap Map(System.Action<MigrationBuilder> up) => new([
        ResumeMigrations.Map.Migrations[0],
        new MigrationInfo("rs2", ["rs1"], "raw", () => new LambdaMigration(up, op => op.Execute("ALTER TABLE side DROP COLUMN s, DROP COLUMN a"))),
    ]);

    private static Task<string?> JournalAsync(string database) =>
        TextAsync(database, "SELECT CONCAT_WS(' ', status, statements_done, statement_running) FROM panel_migrations_log WHERE revision = 'rs2'");

    private static string ColumnCount(string table, string column) =>
        $"SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' AND COLUMN_NAME = '{column}'";
}
