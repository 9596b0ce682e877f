using System;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using static Panel.Migrations.Tests.Infrastructure.MariaDbCatalog;

namespace Panel.Migrations.Tests.Resume;

/// <summary>
/// A step of four DDL statements stopped at its third on a real MariaDB (a duplicate column; a lock held by another
/// connection): the journal records exactly what took effect, every run is refused until the step is resumed or closed,
/// <c>upgrade --resume</c> finishes it once the cause is gone with the catalog and version table of a clean run, and a
/// journal the catalog contradicts is refused with what differs, nothing written.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbResumeTests(MariaDbFixture mariaDb) : IDisposable
{
    private readonly CliHarness _cli = new(ResumeMigrations.Map);

    [MariaDbFact]
    public async Task AStepStoppedByADuplicateColumnResumesOnceTheCauseIsGoneAndEndsAsACleanRun()
    {
        var database = await StoppedByADuplicateColumnAsync();

        // current and check say so, with the two ways out.
        var current = await _cli.RunAsync("current");
        Assert.Equal(ExitCodes.Success, current.ExitCode);
        Assert.Contains("rs1", current.Out);
        Assert.Contains("is half-applied: 2 of 4 statement(s) took effect", current.Error);
        var check = await _cli.RunAsync("check");
        Assert.Equal(ExitCodes.CheckFailed, check.ExitCode);
        Assert.Contains("is half-applied: 2 of 4 statement(s) took effect", check.Error);

        // Until the cause is gone, neither a plain upgrade nor --resume writes anything: statement 3 would meet the column again.
        var catalog = await MariaDbCatalog.DumpAsync(database);
        foreach (var args in new[] { new[] { "upgrade" }, ["upgrade", "--resume"] })
        {
            var refused = await _cli.RunAsync(args);
            Assert.NotEqual(ExitCodes.Success, refused.ExitCode);
            Assert.Contains("statement 3 (ALTER TABLE `side` ADD COLUMN `s` INT) has not run, but column side.s exists", refused.Error);
            Assert.Equal(catalog, await MariaDbCatalog.DumpAsync(database));
        }
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM panel_migrations_log WHERE revision = 'rs2'")); // the refusals wrote nothing

        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s");
        var plain = await _cli.RunAsync("upgrade");
        Assert.NotEqual(ExitCodes.Success, plain.ExitCode);
        Assert.Contains("run `upgrade --resume`", plain.Error);

        var resumed = await _cli.RunAsync("upgrade", "--resume");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        Assert.Contains("Resuming at statement 3 of 4", resumed.Error + resumed.Out);
        await AssertCleanRunAsync(database);
        Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM panel_migrations_log WHERE revision = 'rs2' AND status = 'done' AND statements_done = 4"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'side' AND COLUMN_TYPE LIKE 'varchar%'"));
    }

    [MariaDbFact]
    public async Task AJournalThatDisagreesWithTheCatalogIsRefusedWithWhatDiffers()
    {
        var database = await StoppedByADuplicateColumnAsync();
        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s");
        await ExecuteAsync(database, "ALTER TABLE acct DROP COLUMN a"); // statement 1's column, gone behind the journal's back
        var catalog = await MariaDbCatalog.DumpAsync(database);
        var rows = await ScalarAsync(database, "SELECT COUNT(*) FROM panel_migrations_log");

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => Runner(database, resume: true).UpgradeAsync());

        Assert.Equal(PlanFindingKind.HalfAppliedStep, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("The catalog disagrees with the journal in panel_migrations_log", error.Message);
        Assert.Contains("statement 1 (ALTER TABLE `acct` ADD COLUMN `a` INT) is recorded as done, but column acct.a does not exist", error.Message);
        Assert.Equal(catalog, await MariaDbCatalog.DumpAsync(database));
        Assert.Equal(rows, await ScalarAsync(database, "SELECT COUNT(*) FROM panel_migrations_log"));
        Assert.Equal(["rs1"], await Runner(database).CurrentAsync());
    }

    [MariaDbFact]
    public async Task AStepCutOffWhileAnotherConnectionHoldsALockResumesFromTheStatementItWasOn()
    {
        var database = await mariaDb.CreateDatabaseAsync();
        await Runner(database).UpgradeAsync("rs1");
        // Another connection's open transaction holds a metadata lock on side: statement 3 waits for it until the limit.
        await using var holder = new MySqlConnection(database);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT * FROM side", transaction: transaction);

        var error = await Assert.ThrowsAsync<MigrationException>(() =>
            new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(database) with { CommandTimeout = TimeSpan.FromSeconds(2) }).UpgradeAsync());

        Assert.Contains("failed at statement 3 of 4: ALTER TABLE `side` ADD COLUMN `s` INT", error.Message);
        Assert.Contains("statements 1-2 took effect", error.Message);
        Assert.Contains("Statement 3 was cut off after it was sent, so it may have taken effect too", error.Message);
        // The journal marks statement 3 as sent and not confirmed: the next run reads the catalog to settle it.
        Assert.Equal("failed 2 3", await TextAsync(database, "SELECT CONCAT_WS(' ', status, statements_done, statement_running) FROM panel_migrations_log WHERE revision = 'rs2'"));
        await transaction.RollbackAsync();

        var half = await Runner(database).FindHalfAppliedStepAsync();
        Assert.NotNull(half);
        Assert.Equal((2, 4, true), (half.StatementsDone, half.StatementsTotal, half.CanResume));

        var result = await Runner(database, resume: true).UpgradeAsync();

        Assert.Equal(["rs2"], result.HeadsAfter);
        await AssertCleanRunAsync(database);
        Assert.Null(await Runner(database).FindHalfAppliedStepAsync());
    }

    [MariaDbFact]
    public async Task AStepUndoneByHandStartsOverAndStampClosesAnAttempt()
    {
        var database = await StoppedByADuplicateColumnAsync();
        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s");
        await ExecuteAsync(database, "DROP INDEX ix_acct_name ON acct");
        await ExecuteAsync(database, "ALTER TABLE acct DROP COLUMN a");
        var log = new System.Collections.Generic.List<string>();

        // The catalog shows statements 1-2 undone: the plain upgrade runs the step from its first statement.
        var result = await new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(database) with { Log = log.Add }).UpgradeAsync();

        Assert.Equal(["rs2"], result.HeadsAfter);
        Assert.Contains(log, l => l.Contains("the catalog shows none of them in effect, so it runs from its first statement", StringComparison.Ordinal));
        await AssertCleanRunAsync(database);

        // stamp records where the schema stands by the user's word: the attempt no longer speaks for it.
        var other = await StoppedByADuplicateColumnAsync();
        await Runner(other).StampAsync("rs2");
        Assert.Null(await Runner(other).FindHalfAppliedStepAsync());
        Assert.Equal(1, await ScalarAsync(other, "SELECT COUNT(*) FROM panel_migrations_log WHERE revision = 'rs2' AND status = 'abandoned'"));
    }

    [MariaDbFact]
    public async Task DowngradeUndoPartialDropsWhatTheHalfAppliedStepMadeNewestFirst()
    {
        var database = await StoppedByADuplicateColumnAsync();

        var undone = await _cli.RunAsync("downgrade", "--undo-partial");

        Assert.True(undone.ExitCode == ExitCodes.Success, undone.Error);
        var output = undone.Out + undone.Error;
        var second = output.IndexOf("Undoing statement 2 of rs2: DROP INDEX `ix_acct_name` ON `acct`", StringComparison.Ordinal);
        Assert.True(second >= 0, output);
        Assert.True(output.IndexOf("Undoing statement 1 of rs2: ALTER TABLE `acct` DROP COLUMN `a`", StringComparison.Ordinal) > second, output);
        Assert.Null(await Runner(database).FindHalfAppliedStepAsync());
        Assert.Equal(["rs1"], await Runner(database).CurrentAsync());
        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s"); // the cause
        var atRs1 = await mariaDb.CreateDatabaseAsync();
        await Runner(atRs1).UpgradeAsync("rs1");
        Assert.Equal(await MariaDbCatalog.DumpAsync(atRs1), await MariaDbCatalog.DumpAsync(database));

        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("upgrade")).ExitCode);
        await AssertCleanRunAsync(database);
    }

    [MariaDbFact]
    public async Task UndoPartialIsRefusedForAStatementWithoutAKnownInverseNamingIt()
    {
        var map = new MigrationMap([
            ResumeMigrations.Map.Migrations[0],
            new MigrationInfo("rs2", ["rs1"], "raw", () => new Batch.LambdaMigration(
                op =>
                {
                    op.Execute("ALTER TABLE acct ADD COLUMN a INT");
                    op.AddColumn("side", "s", SqlType.Integer);
                },
                op => op.Execute("ALTER TABLE acct DROP COLUMN a"))),
        ]);
        var database = await mariaDb.CreateDatabaseAsync();
        await new MigrationRunner(map, MigrationOptions.ForMySql(database)).UpgradeAsync("rs1");
        await ExecuteAsync(database, "ALTER TABLE side ADD COLUMN s VARCHAR(5)");
        await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(map, MigrationOptions.ForMySql(database)).UpgradeAsync());
        await ExecuteAsync(database, "ALTER TABLE side DROP COLUMN s");
        var catalog = await MariaDbCatalog.DumpAsync(database);

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() =>
            new MigrationRunner(map, MigrationOptions.ForMySql(database) with { UndoPartial = true }).DowngradeAsync());

        Assert.Contains("--undo-partial cannot undo upgrade to rs2, raw: statement 1 (ALTER TABLE acct ADD COLUMN a INT) has no known inverse", error.Message);
        Assert.Contains("Undo statements 1-1 by hand, newest first, and run `stamp rs1`", error.Message);
        Assert.Equal(catalog, await MariaDbCatalog.DumpAsync(database));
    }

    // rs1 applied, then a column side.s made by hand (the cause), then `upgrade` through the command line: it fails at statement 3.
    private async Task<string> StoppedByADuplicateColumnAsync()
    {
        var database = await mariaDb.CreateDatabaseAsync();
        await Runner(database).UpgradeAsync("rs1");
        await ExecuteAsync(database, "ALTER TABLE side ADD COLUMN s VARCHAR(5)");
        var server = new MySqlConnectionStringBuilder(database);
        _cli.Environment["DATABASE_URI"] = $"mysql://{Uri.EscapeDataString(server.UserID)}:{Uri.EscapeDataString(server.Password)}@{server.Server}:{server.Port}/{server.Database}";

        var failed = await _cli.RunAsync("upgrade");

        Assert.Equal(ExitCodes.DatabaseError, failed.ExitCode);
        Assert.Contains("failed at statement 3 of 4: ALTER TABLE `side` ADD COLUMN `s` INT", failed.Error);
        Assert.Contains("Duplicate column name 's'", failed.Error);
        Assert.Contains("statements 1-2 took effect and stay applied", failed.Error);
        Assert.Contains("fix the cause and run `upgrade --resume`", failed.Error);
        Assert.DoesNotContain(server.Password, failed.Error + failed.Out, StringComparison.Ordinal);
        // Refused by the server: the journal is exact, statement 3 certainly did not take effect.
        Assert.Equal("failed 2 2", await TextAsync(database, "SELECT CONCAT_WS(' ', status, statements_done, statement_running) FROM panel_migrations_log WHERE revision = 'rs2'"));
        Assert.Equal(["rs1"], await Runner(database).CurrentAsync());
        return database;
    }

    // The catalog and version table of a fresh database upgraded to head in one go.
    private async Task AssertCleanRunAsync(string database)
    {
        var clean = await mariaDb.CreateDatabaseAsync();
        await Runner(clean).UpgradeAsync();
        Assert.Equal(await MariaDbCatalog.DumpAsync(clean), await MariaDbCatalog.DumpAsync(database));
        Assert.Equal(await TextAsync(clean, "SELECT GROUP_CONCAT(version_num) FROM alembic_version"), await TextAsync(database, "SELECT GROUP_CONCAT(version_num) FROM alembic_version"));
    }

    private static MigrationRunner Runner(string database, bool resume = false) =>
        new(ResumeMigrations.Map, MigrationOptions.ForMySql(database) with { Resume = resume });

    public void Dispose() => _cli.Dispose();
}
