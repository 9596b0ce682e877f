using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Panel.Migrations.Tests.Kill;
using Xunit;
using Xunit.Abstractions;
using static Panel.Migrations.Tests.Infrastructure.MariaDbCatalog;

namespace Panel.Migrations.Tests.Resume;

/// <summary>
/// Kill safety on MariaDB, with the journal: a child process (<see cref="KillChild"/> over <see cref="ResumeMigrations"/>)
/// runs the four-statement step over a seeded table and is SIGKILLed at a seeded-random moment, <see cref="Reliability.Kills"/>
/// times (5 by default, 50 with <c>PANEL_RELIABILITY_FULL=1</c>). After each kill the half-applied step the next run
/// sees (its journal settled from the catalog) says exactly which statements took effect: the catalog shows the marks of
/// the first k and of no other; <c>--resume</c> then reaches head with the catalog and version table of a clean run.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbKillResumeTests(MariaDbFixture mariaDb, ITestOutputHelper output)
{
    private const int SeededRows = 200_000;

    [MariaDbFact]
    public async Task KilledMariaDbStepsLeaveAnExactJournalAndResumeEndsAsACleanRun()
    {
        var seed = KillSeed.Value;
        var clean = await mariaDb.CreateDatabaseAsync();
        await new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(clean)).UpgradeAsync();
        var reference = await MariaDbCatalog.DumpAsync(clean);

        var span = await MeasureUninterruptedStepAsync();
        output.WriteLine($"MariaDB: PANEL_KILL_SEED={seed}, {Reliability.Kills} kills; an uninterrupted step runs (from its progress line to the run's end) for {span.TotalMilliseconds:0} ms");
        var (finished, behind, settledDone, refusedOrUntouched) = (0, 0, 0, 0);
        var byDone = new int[ResumeMigrations.Marks.Length + 1];
        for (var i = 0; i < Reliability.Kills; i++)
        {
            var context = $"MariaDB kill {i} of PANEL_KILL_SEED={seed}";
            var delay = TimeSpan.FromMilliseconds(new Random(seed + i).Next(0, (int)span.TotalMilliseconds + 1));
            var database = await SeededAtRs1Async();
            using (var child = KillChildProcess.Start(DatabaseKind.MySql, database, "resume"))
            {
                Assert.True(await child.WaitForStageAsync("-> rs2,", TimeSpan.FromMinutes(2)), $"{context}: the child never began the step: {child.Stages}");
                await Task.Delay(delay);
                await child.KillAsync();
            }
            await WaitForKilledSessionAsync(database, context);

            var runner = new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(database));
            if ((await runner.CurrentAsync()).SequenceEqual(["rs2"]))
            {
                finished++;
                output.WriteLine($"kill {i}: +{delay.TotalMilliseconds:0} ms, the child had finished");
            }
            else
            {
                var journal = await TextAsync(database, "SELECT CONCAT_WS(' ', status, statements_done, statement_running) FROM panel_migrations_log WHERE revision = 'rs2'") ?? "no row";
                var half = await runner.FindHalfAppliedStepAsync();
                Assert.True(half is null || half.CanResume, $"{context}: the journal ({journal}) disagrees with the catalog: {half?.Message}");
                var done = half is null || half.Undone ? 0 : half.StatementsDone;
                // Exact: the marks of the first `done` statements are there, and no other.
                for (var m = 0; m < ResumeMigrations.Marks.Length; m++)
                    Assert.True((m < done ? 1 : 0) == await ScalarAsync(database, ResumeMigrations.Marks[m].Count),
                        $"{context}: the journal ({journal}) settles on {done} statement(s) done, but {ResumeMigrations.Marks[m].Object} {(m < done ? "is missing" : "is there")}");
                byDone[done]++;
                var recorded = journal.Split(' ') is [_, var d, var r] ? (Done: int.Parse(d), Running: int.Parse(r)) : (Done: 0, Running: 0);
                if (recorded.Running > recorded.Done)
                    behind++;
                if (done > recorded.Done)
                    settledDone++;
                if (half is null)
                    refusedOrUntouched++;
                output.WriteLine($"kill {i}: +{delay.TotalMilliseconds:0} ms, journal '{journal}', settled on {done} of 4 done; resumed");
                var resumed = await new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(database) with { Resume = true }).UpgradeAsync();
                Assert.Equal(["rs2"], resumed.HeadsAfter);
            }
            Assert.True(reference == await MariaDbCatalog.DumpAsync(database), $"{context}: the catalog after the resume differs from a clean run's");
            Assert.Equal(SeededRows, await ScalarAsync(database, "SELECT COUNT(*) FROM acct"));
            await mariaDb.DropDatabaseAsync(database);
        }
        output.WriteLine($"MariaDB: {Reliability.Kills} kills; {finished} after the child had finished; mid-step: settled on 0/1/2/3/4 statements done " +
                         $"{string.Join("/", byDone)} ({refusedOrUntouched} with nothing to resume); journal one statement behind (sent, not confirmed) {behind} times, " +
                         $"of which the catalog showed the statement done {settledDone} times; every journal exact, every resume equal to a clean run");
    }

    private async Task<TimeSpan> MeasureUninterruptedStepAsync()
    {
        var database = await SeededAtRs1Async();
        using var child = KillChildProcess.Start(DatabaseKind.MySql, database, "resume");
        Assert.True(await child.WaitForStageAsync("-> rs2,", TimeSpan.FromMinutes(2)), "the child never began the step: " + child.Stages);
        var clock = Stopwatch.StartNew();
        // Until the run returns, not until the process has ended: a kill after that finds nothing to check.
        Assert.True(await child.WaitForStageAsync("DONE", TimeSpan.FromMinutes(2)), "the child did not finish: " + child.Stages);
        var span = clock.Elapsed;
        Assert.Equal(0, await child.WaitForExitAsync());
        await mariaDb.DropDatabaseAsync(database);
        return span;
    }

    // rs1, then SeededRows rows in acct, so that building the index takes a while.
    private async Task<string> SeededAtRs1Async()
    {
        var database = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync()) { Pooling = false }.ConnectionString;
        await new MigrationRunner(ResumeMigrations.Map, MigrationOptions.ForMySql(database)).UpgradeAsync("rs1");
        await using var connection = new MySqlConnection(database);
        await connection.ExecuteAsync($"INSERT INTO acct (id, name) SELECT seq, CONCAT('name_', seq * 7919 % 1000003) FROM seq_1_to_{SeededRows}");
        return database;
    }

    // The server ends the killed client's session once it notices the closed socket, at the latest when its statement ends.
    private static async Task WaitForKilledSessionAsync(string database, string context)
    {
        var clock = Stopwatch.StartNew();
        while (await ScalarAsync(database, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()") != 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{context}: the killed client's session was still open after 30 s");
            await Task.Delay(50);
        }
    }
}
