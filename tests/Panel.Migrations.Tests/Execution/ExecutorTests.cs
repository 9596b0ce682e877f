using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Panel.Migrations.Graph;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary>
/// The executor's behaviour, run against a real database by each subclass (SQLite files, PostgreSQL).
/// Every test checks the version rows and the catalog read back from the database itself.
/// </summary>
public abstract class ExecutorTests
{
    /// <summary>Options for a fresh, empty database.</summary>
    protected abstract Task<MigrationOptions> NewDatabaseAsync();

    /// <summary>The user tables of the database, sorted (version table excluded).</summary>
    protected abstract Task<IReadOnlyList<string>> TablesAsync(MigrationOptions options);

    /// <summary>A description of the schema (tables, columns, indexes, constraints; version table excluded) to compare before/after.</summary>
    protected abstract Task<string> CatalogAsync(MigrationOptions options);

    /// <summary>Runs a scalar query.</summary>
    protected abstract Task<long> CountAsync(MigrationOptions options, string sql);

    /// <summary>
    /// Whether the database rolls DDL back (SQLite, PostgreSQL). Where it does not (MySQL), a failing migration
    /// stays half-applied, the version table stays put, and whole-run mode is refused.
    /// </summary>
    protected virtual bool TransactionalDdl => true;

    /// <summary>An identifier quoted as the database's dialect quotes it (offline scripts).</summary>
    protected virtual string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>Holds the lock a runner needs (another writer, another runner) until disposed.</summary>
    protected abstract Task<IAsyncDisposable> HoldLockAsync(MigrationOptions options);

    /// <summary>A new, unopened connection to the database, through the test's own client.</summary>
    protected abstract DbConnection Connect(MigrationOptions options);

    private static readonly MigrationMap Linear = TestMigrations.Graph("a", "b <- a", "c <- b", "d <- c");

    [SkippableFact]
    public async Task UpgradeToHeadRunsEveryRevisionInOrderAndRecordsTheHead()
    {
        var options = await NewDatabaseAsync();
        var log = new List<string>();
        var runner = new MigrationRunner(Linear, options with { Log = log.Add });

        var result = await runner.UpgradeAsync();

        Assert.Equal(["a", "b", "c", "d"], result.Steps.Select(s => s.Revision));
        Assert.Equal(["d"], await runner.CurrentAsync());
        Assert.Equal(["t_a", "t_b", "t_c", "t_d"], await TablesAsync(options));
        var running = log.Where(l => l.StartsWith("Running ", StringComparison.Ordinal)).ToList();
        Assert.Equal("Running upgrade  -> a, create a", running[0]);
        Assert.Equal("Running upgrade c -> d, create d", running[3]);
        // Where DDL is not transactional, the run says so before it changes anything.
        Assert.Equal(!TransactionalDdl, log[0].StartsWith("WARNING: ", StringComparison.Ordinal) && log[0].Contains("not transactional", StringComparison.Ordinal));
    }

    private static MigrationMap LinearWithEditedB => new(Linear.Migrations.Select(m => m.Revision == "b"
        ? new MigrationInfo("b", ["a"], m.Message, () => new TestMigrations.CreatesTable("b_edited"))
        : m));

    [SkippableFact]
    public async Task EveryAppliedStepIsLoggedWithChecksumHostAndDuration()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);
        await runner.UpgradeAsync();

        Assert.Equal(4, await CountAsync(options,
            $"SELECT COUNT(*) FROM {Quote("panel_migrations_log")} WHERE {Quote("status")} = 'done' AND {Quote("direction")} = 'upgrade' " +
            $"AND LENGTH({Quote("checksum")}) = 64 AND {Quote("host")} = '{Environment.MachineName.Replace("'", "''")}' AND {Quote("duration_ms")} >= 0 " +
            $"AND {Quote("finished_at")} IS NOT NULL"));
        Assert.Equal(1, await CountAsync(options,
            $"SELECT COUNT(*) FROM {Quote("panel_migrations_log")} WHERE {Quote("revision")} = 'b' AND {Quote("checksum")} = '{runner.ChecksumOf("b")}'"));
        Assert.Empty(await runner.FindChangedMigrationsAsync());
    }

    // The checksums a run stores are compared with the code's on every later run: they are pinned to fixed values here, so
    // that a change of rendering (which would make every applied migration look edited) is a visible decision.
    [SkippableFact]
    public async Task TheLoggedChecksumsOfTheSampleAndTestMigrationsArePinned()
    {
        var logged = new Dictionary<string, string>();
        var kind = DatabaseKind.Sqlite;
        foreach (var map in new[] { AaPanel.MigrationRegistry.Map, PinnedChecksums.TestMap })
        {
            var options = await NewDatabaseAsync();
            kind = options.Kind;
            await new MigrationRunner(map, options).UpgradeAsync();
            await using var connection = Connect(options);
            foreach (var (revision, checksum) in await connection.QueryAsync<(string, string)>(
                         $"SELECT {Quote("revision")}, {Quote("checksum")} FROM {Quote("panel_migrations_log")} WHERE {Quote("direction")} = 'upgrade'"))
                logged.Add(revision, checksum);
        }

        var pinned = PinnedChecksums.For(kind);
        var differing = pinned.Keys.Union(logged.Keys).Where(r => pinned.GetValueOrDefault(r) != logged.GetValueOrDefault(r)).Order(StringComparer.Ordinal);
        Assert.True(!differing.Any(),
            $"The checksums logged for {string.Join(", ", differing)} differ from the pinned ones (see PinnedChecksums: a change here " +
            "makes applied migrations look edited). Logged:\n" + PinnedChecksums.AsSource(logged));
    }

    // docs/reliability.md: a log table made by an earlier version (without checksum, host, duration_ms) gains them on first use.
    [SkippableFact]
    public async Task AnOldLogTableGainsItsNewColumnsAndKeepsItsRows()
    {
        var options = await NewDatabaseAsync();
        await new MigrationRunner(Linear, options).UpgradeAsync("a");
        await using (var connection = Connect(options))
        {
            foreach (var column in new[] { "checksum", "host", "duration_ms" })
                await connection.ExecuteAsync($"ALTER TABLE {Quote("panel_migrations_log")} DROP COLUMN {Quote(column)}");
        }

        var runner = new MigrationRunner(Linear, options);
        await runner.UpgradeAsync("b");

        Assert.Equal(1, await CountAsync(options, $"SELECT COUNT(*) FROM {Quote("panel_migrations_log")} WHERE {Quote("revision")} = 'a' AND {Quote("checksum")} IS NULL"));
        Assert.Equal(1, await CountAsync(options,
            $"SELECT COUNT(*) FROM {Quote("panel_migrations_log")} WHERE {Quote("revision")} = 'b' AND {Quote("checksum")} = '{runner.ChecksumOf("b")}' " +
            $"AND {Quote("host")} = '{Environment.MachineName.Replace("'", "''")}' AND {Quote("duration_ms")} >= 0"));
        // The revision logged before the columns existed has no checksum to compare: it is not reported as edited.
        Assert.Empty(await runner.FindChangedMigrationsAsync());
    }

    [SkippableFact]
    public async Task AMigrationEditedAfterItWasAppliedIsRefusedUntilAccepted()
    {
        var options = await NewDatabaseAsync();
        await new MigrationRunner(Linear, options).UpgradeAsync("c");
        var tables = await TablesAsync(options);
        var edited = new MigrationRunner(LinearWithEditedB, options);
        Assert.NotEqual(new MigrationRunner(Linear, options).ChecksumOf("b"), edited.ChecksumOf("b"));

        var changed = Assert.Single(await edited.FindChangedMigrationsAsync());
        Assert.Equal("b", changed.Revision);
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => edited.UpgradeAsync());
        Assert.Contains("Migration b (create b) was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(["c"], await edited.CurrentAsync());
        Assert.Equal(tables, await TablesAsync(options));

        var accepted = new MigrationRunner(LinearWithEditedB, options with { AcceptChangedMigrations = true });
        var result = await accepted.UpgradeAsync();
        Assert.Equal(["d"], result.Steps.Select(s => s.Revision));
        Assert.Empty(await edited.FindChangedMigrationsAsync());
        // The original code now differs from what was accepted.
        Assert.Equal("b", Assert.Single(await new MigrationRunner(Linear, options).FindChangedMigrationsAsync()).Revision);
    }

    // A batch's inner changes reach the checksum: on SQLite a rebuild, on MySQL a change rendered from the live column
    // (neither renders alone; checksum version 2 writes such a part out in full, version 1 wrote its type and table only).
    [SkippableTheory]
    [InlineData(BatchRecreate.Auto)]
    [InlineData(BatchRecreate.Always)]
    public async Task AnEditInsideABatchIsAnEditedMigration(BatchRecreate recreate)
    {
        static MigrationMap Map(BatchRecreate recreate, SqlType type) => new([
            new MigrationInfo("a", [], "create a", () => new TestMigrations.CreatesTable("a")),
            new MigrationInfo("b", ["a"], "alter a", () => new TestMigrations.AltersInABatch("t_a", "name", type, recreate)),
        ]);
        var options = await NewDatabaseAsync();
        await new MigrationRunner(Map(recreate, SqlType.String(50)), options).UpgradeAsync();

        var changed = await new MigrationRunner(Map(recreate, SqlType.String(80)), options).FindChangedMigrationsAsync();

        Assert.Equal("b", Assert.Single(changed).Revision);
    }

    // A database migrated before checksum versions holds version 1's checksums and no checksum_version column: one that
    // matches version 1's text is no edit, and the next run that writes records version 2's; any other value is an edit.
    [SkippableFact]
    public async Task AChecksumLoggedByVersion1IsNoEditAndTheNextRunRecordsVersion2s()
    {
        var options = await NewDatabaseAsync();
        var log = Quote("panel_migrations_log");
        var p1 = $"{Quote("revision")} = 'p1'";
        await new MigrationRunner(PinnedChecksums.TestMap, options).UpgradeAsync("p1");
        var version1 = PinnedChecksums.Version1(options.Kind).GetValueOrDefault("p1", PinnedChecksums.For(options.Kind)["p1"]);
        await using (var connection = Connect(options))
        {
            await connection.ExecuteAsync($"ALTER TABLE {log} DROP COLUMN {Quote("checksum_version")}");
            await connection.ExecuteAsync($"UPDATE {log} SET {Quote("checksum")} = '{new string('f', 64)}' WHERE {p1}");
        }
        var runner = new MigrationRunner(PinnedChecksums.TestMap, options);
        Assert.Equal("p1", Assert.Single(await runner.FindChangedMigrationsAsync()).Revision);
        await using (var connection = Connect(options))
            await connection.ExecuteAsync($"UPDATE {log} SET {Quote("checksum")} = '{version1}' WHERE {p1}");

        Assert.Empty(await runner.FindChangedMigrationsAsync());
        await runner.UpgradeAsync();

        Assert.Equal(1, await CountAsync(options,
            $"SELECT COUNT(*) FROM {log} WHERE {p1} AND {Quote("checksum")} = '{PinnedChecksums.For(options.Kind)["p1"]}' AND {Quote("checksum_version")} = 2"));
        Assert.Empty(await runner.FindChangedMigrationsAsync());
    }

    [SkippableFact]
    public async Task ADowngradedRevisionIsNotCheckedAndIsRecordedAfreshWhenReapplied()
    {
        var options = await NewDatabaseAsync();
        await new MigrationRunner(Linear, options).UpgradeAsync("c");
        await new MigrationRunner(Linear, options).DowngradeAsync("a");
        var edited = new MigrationRunner(LinearWithEditedB, options);
        Assert.Empty(await edited.FindChangedMigrationsAsync());
        await edited.UpgradeAsync();
        Assert.Empty(await edited.FindChangedMigrationsAsync());
    }

    [SkippableFact]
    public async Task UpgradeAgainIsANoOp()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);
        await runner.UpgradeAsync();

        var again = await runner.UpgradeAsync();

        Assert.Empty(again.Steps);
        Assert.Equal(["d"], again.HeadsAfter);
    }

    [SkippableFact]
    public async Task AnUpgradeThatFindsTheDatabaseAtHeadNeverBuildsTheMap()
    {
        var options = await NewDatabaseAsync();
        var built = 0;
        MigrationMap Build()
        {
            built++;
            return Linear;
        }
        await Migrator.UpgradeAsync(Build, ["d"], "c", options);
        Assert.Equal(["c"], await Migrator.CurrentAsync(Build, ["d"], options));
        Assert.Equal(1, built);

        var upgraded = await Migrator.UpgradeAsync(Build, ["d"], "head", options);
        Assert.Equal(["d"], upgraded.Steps.Select(s => s.Revision));
        Assert.Equal(2, built);

        foreach (var target in new[] { "head", "heads", "d" })
        {
            var atHead = await Migrator.UpgradeAsync(Build, ["d"], target, options);
            Assert.Empty(atHead.Steps);
            Assert.Equal(["d"], atHead.HeadsAfter);
        }
        Assert.Equal(2, built);
    }

    [SkippableFact]
    public async Task AMapThatFailsToBuildFailsTheRunWithItsOwnErrorAndAppliesNothing()
    {
        // The map is built on the thread pool while the run connects; its failure must still reach the caller, once.
        var options = await NewDatabaseAsync();
        var built = 0;
        MigrationMap Build()
        {
            System.Threading.Interlocked.Increment(ref built);
            throw new InvalidOperationException("the map cannot be built");
        }
        var runner = new MigrationRunner(Build, ["d"], options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.UpgradeAsync("c"));

        Assert.Equal("the map cannot be built", error.Message);
        Assert.Equal(1, System.Threading.Volatile.Read(ref built));
        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));
    }

    [SkippableFact]
    public async Task DowngradeToBaseUndoesEverythingAndKeepsAnEmptyVersionTable()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);
        var empty = await CatalogAsync(options);
        await runner.UpgradeAsync();

        var result = await runner.DowngradeAsync("base");

        Assert.Equal(["d", "c", "b", "a"], result.Steps.Select(s => s.Revision));
        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));
        Assert.Equal(0, await CountAsync(options, "SELECT COUNT(*) FROM alembic_version"));
        Assert.Equal(empty, await CatalogAsync(options));
    }

    [SkippableFact]
    public async Task DowngradeToARevisionAndRelativeTargets()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);

        await runner.UpgradeAsync("+2");
        Assert.Equal(["b"], await runner.CurrentAsync());
        await runner.UpgradeAsync("head");
        await runner.DowngradeAsync("b");
        Assert.Equal(["b"], await runner.CurrentAsync());
        Assert.Equal(["t_a", "t_b"], await TablesAsync(options));
        await runner.DowngradeAsync("-1");
        Assert.Equal(["a"], await runner.CurrentAsync());
        await runner.UpgradeAsync("c");
        Assert.Equal(["c"], await runner.CurrentAsync());
        Assert.Equal(["t_a", "t_b", "t_c"], await TablesAsync(options));
    }

    [SkippableFact]
    public async Task BranchAndMergeMoveTheVersionRowsAsThePlanSays()
    {
        //      a
        //     / \
        //    b1  b2
        //     \ /
        //      m
        var map = TestMigrations.Graph("a", "b1 <- a", "b2 <- a", "m <- b1 b2");
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);

        await runner.UpgradeAsync("b1");
        Assert.Equal(["b1"], await runner.CurrentAsync());
        await runner.UpgradeAsync("b2");
        Assert.Equal(["b1", "b2"], await runner.CurrentAsync());

        var plan = map.Graph.PlanUpgrade(["b1", "b2"], "head");
        var merge = await runner.UpgradeAsync("head");
        Assert.Equal(["m"], merge.Steps.Select(s => s.Revision));
        Assert.Equal(plan.HeadsAfter, await runner.CurrentAsync());
        Assert.Equal(["m"], await runner.CurrentAsync());

        // Undoing the merge leaves both parents as heads, as Alembic's unmerge does.
        await runner.DowngradeAsync("b1");
        Assert.Equal(["b1", "b2"], await runner.CurrentAsync());
        Assert.Equal(["t_a", "t_b1", "t_b2"], await TablesAsync(options));
        await runner.DowngradeAsync("b2@a");
        Assert.Equal(["b1"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task EveryStepLeavesTheHeadsThePlanPredicts()
    {
        var map = TestMigrations.Graph("a", "b1 <- a", "b2 <- a", "c1 <- b1", "m <- c1 b2", "n <- m");
        var options = await NewDatabaseAsync();
        var plan = map.Graph.PlanUpgrade([], "head");
        var runner = new MigrationRunner(map, options);

        foreach (var step in plan.Steps)
        {
            await runner.UpgradeAsync(step.Revision);
            Assert.Equal(step.HeadsAfter, await runner.CurrentAsync());
        }

        var down = map.Graph.PlanDowngrade(["n"], "a");
        var result = await runner.DowngradeAsync("a");
        Assert.Equal(down.Steps.Select(s => s.Revision), result.Steps.Select(s => s.Revision));
        Assert.Equal(["a"], await runner.CurrentAsync());
        Assert.Equal(["t_a"], await TablesAsync(options));
    }

    [SkippableFact]
    public async Task StampWritesTheVersionTableOnly()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);

        await runner.StampAsync("c");

        Assert.Equal(["c"], await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));
        await runner.UpgradeAsync();
        Assert.Equal(["t_d"], await TablesAsync(options));
        await runner.StampAsync("base");
        Assert.Empty(await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task StampWithPurgeReplacesUnknownRevisions()
    {
        var options = await NewDatabaseAsync();
        var newer = TestMigrations.Graph("a", "b <- a", "zz <- b");
        await new MigrationRunner(newer, options).StampAsync("zz");
        var runner = new MigrationRunner(Linear, options);

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.UpgradeAsync());
        Assert.Equal(PlanFindingKind.DatabaseNewerThanCode, Assert.Single(error.Plan.Findings).Kind);
        Assert.Contains("Can't locate revision identified by 'zz'", error.Message);
        Assert.Equal(["zz"], await runner.CurrentAsync());

        await runner.StampAsync("b", purge: true);
        Assert.Equal(["b"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task AFailingMigrationIsRolledBackAndTheDatabaseStaysAtThePreviousRevision()
    {
        var map = TestMigrations.WithFailure("x", "b", "a", "b <- a");
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);
        await runner.UpgradeAsync("b");
        var before = await CatalogAsync(options);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync("x"));

        Assert.Contains("x, fails half-way", error.Message);
        Assert.Equal(["b"], await runner.CurrentAsync());
        if (TransactionalDdl)
        {
            // The step's statements may reach the server together (PostgreSQL); the error still names the one refused.
            Assert.Contains("rolled back", error.Message);
            Assert.Contains("(statement: INSERT INTO no_such_table VALUES (1))", error.Message);
            Assert.Equal(before, await CatalogAsync(options));
            return;
        }
        // DDL committed as it ran: the error names the failing statement, what stays applied, and the way out.
        Assert.Contains("failed at statement 3 of 3: INSERT INTO no_such_table VALUES (1)", error.Message);
        Assert.Contains("not rolled back", error.Message);
        Assert.Contains($"[1] CREATE TABLE {Quote("half_done")}", error.Message);
        Assert.Contains($"[2] INSERT INTO {Quote("half_done")} ({Quote("id")}) VALUES (@p0)", error.Message);
        Assert.Contains("The version table still says b", error.Message);
        Assert.Contains("`stamp x`", error.Message);
        Assert.NotEqual(before, await CatalogAsync(options));
        Assert.Equal(["half_done", "t_a", "t_b"], await TablesAsync(options));
        Assert.Equal(1, await CountAsync(options, "SELECT COUNT(*) FROM panel_migrations_log WHERE revision = 'x' AND status = 'failed' AND statements_done = 2 AND statements_total = 3"));
        Assert.Equal(2, await CountAsync(options, "SELECT COUNT(*) FROM panel_migrations_log WHERE status = 'done'"));

        // One documented way out: make the schema match x by hand (here it is accepted as it is), then stamp.
        await runner.StampAsync("x");
        Assert.Equal(["x"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task AVersionRowMovedDuringAStepFailsThatStep()
    {
        // Alembic's guard: the version row a step moves must be where the plan says. Here the step itself moves it, as a
        // writer that takes no lock could; the step's version update then matches no row. (On PostgreSQL the server checks
        // it, in the batch that carries the step.)
        var map = new MigrationMap([
            .. TestMigrations.Graph("a").Migrations,
            new MigrationInfo("b", ["a"], "moves the version row", () => new TestMigrations.RunsSql("CREATE TABLE t_b (id integer)", "UPDATE alembic_version SET version_num = 'elsewhere'"))]);
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.Contains("Online migration expected to match one row when updating 'a' to 'b' in 'alembic_version'", error.Message);
        if (!TransactionalDdl)
            return; // MySQL: the step's statements committed as they ran, and the message says how to record them
        Assert.Equal(["a"], await runner.CurrentAsync());
        Assert.Equal(["t_a"], await TablesAsync(options));
    }

    [SkippableFact]
    public async Task AStatementTextHoldingSeveralCommandsRunsAmongTheStepsOtherStatements()
    {
        // Raw SQL may hold several commands; where a step's statements travel together (PostgreSQL), one such text cannot
        // share their batch (the server refuses several commands in one batch command), so it runs by itself.
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(TestMigrations.Statements("m",
            "CREATE TABLE multi_a (id integer)",
            "CREATE TABLE multi_b (id integer);",
            "CREATE TABLE multi_c (id integer); CREATE TABLE multi_d (id integer);",
            "CREATE TABLE multi_e (id integer)",
            "CREATE TABLE multi_f (id integer)"), options);

        await runner.UpgradeAsync();

        Assert.Equal(["m"], await runner.CurrentAsync());
        Assert.Equal(["multi_a", "multi_b", "multi_c", "multi_d", "multi_e", "multi_f"], await TablesAsync(options));
    }

    [SkippableFact]
    public async Task AStatementRefusedAfterOneHoldingSeveralCommandsIsTheOneNamed()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(TestMigrations.Statements("m",
            "CREATE TABLE refused_a (id integer); CREATE TABLE refused_b (id integer)",
            "CREATE TABLE refused_c (id integer)",
            "INSERT INTO no_such_table VALUES (1)"), options);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.Empty(await runner.CurrentAsync());
        if (!TransactionalDdl)
            return; // MySQL names it among what stays applied: AFailingMigrationIsRolledBackAndTheDatabaseStaysAtThePreviousRevision
        Assert.Contains("(statement: INSERT INTO no_such_table VALUES (1))", error.Message);
        Assert.Empty(await TablesAsync(options));
    }

    [SkippableFact]
    public async Task WholeRunModeKeepsNothingWhenAStepFails()
    {
        var map = TestMigrations.WithFailure("x", "b", "a", "b <- a");
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options with { TransactionMode = TransactionMode.WholeRun });
        var before = await CatalogAsync(options);

        if (!TransactionalDdl)
        {
            await AssertWholeRunRefusedAsync(runner, options, "x");
            return;
        }
        await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync("x"));

        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));
        Assert.Equal(before, await CatalogAsync(options));
    }

    // Where DDL is not transactional (MySQL), whole-run mode could not keep its promise: it is refused before anything runs.
    private async Task AssertWholeRunRefusedAsync(MigrationRunner runner, MigrationOptions options, string target = "head")
    {
        var before = await CatalogAsync(options);

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => runner.UpgradeAsync(target));

        Assert.StartsWith("TransactionMode.WholeRun keeps nothing of a failed run", error.Message);
        Assert.Empty(await runner.CurrentAsync());
        Assert.Empty(await TablesAsync(options));
        Assert.Equal(before, await CatalogAsync(options));
    }

    [SkippableTheory]
    [InlineData(TransactionMode.PerMigration)]
    [InlineData(TransactionMode.WholeRun)]
    public async Task AnUpThatThrowsStopsTheRunAtItsStep(TransactionMode mode)
    {
        var map = new MigrationMap([
            .. TestMigrations.Graph("a", "b <- a").Migrations,
            new MigrationInfo("c", ["b"], "throws", () => new TestMigrations.ThrowsInUp()),
            new MigrationInfo("d", ["c"], "create d", () => new TestMigrations.CreatesTable("d"))]);
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options with { TransactionMode = mode });
        if (mode == TransactionMode.WholeRun && !TransactionalDdl)
        {
            await AssertWholeRunRefusedAsync(runner, options);
            return;
        }

        // The migration's own exception, as when Up is called where the step runs; described ahead on a worker thread.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.UpgradeAsync());

        Assert.Equal("This Up fails on purpose.", error.Message);
        if (mode == TransactionMode.WholeRun)
        {
            Assert.Empty(await runner.CurrentAsync());
            Assert.Empty(await TablesAsync(options));
        }
        else
        {
            Assert.Equal(["b"], await runner.CurrentAsync());
            Assert.Equal(["t_a", "t_b"], await TablesAsync(options));
        }
    }

    [SkippableTheory]
    [InlineData(TransactionMode.PerMigration)]
    [InlineData(TransactionMode.WholeRun)]
    public async Task EachStepCallsItsUpOrDownOnce(TransactionMode mode)
    {
        var calls = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var map = TestMigrations.Counting(calls, "a", "b <- a", "c <- b", "d <- c");
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options with { TransactionMode = mode });
        if (mode == TransactionMode.WholeRun && !TransactionalDdl)
        {
            await AssertWholeRunRefusedAsync(runner, options);
            Assert.Empty(calls);
            return;
        }

        await runner.UpgradeAsync();
        await runner.DowngradeAsync("b");

        Assert.Equal(["down c=1", "down d=1", "up a=1", "up b=1", "up c=1", "up d=1"], calls.Select(c => $"{c.Key}={c.Value}").Order());
        Assert.Equal(["b"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task UnknownTargetIsAClearErrorAndChangesNothing()
    {
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(Linear, options);
        await runner.UpgradeAsync("b");

        var error = await Assert.ThrowsAsync<RevisionGraphException>(() => runner.UpgradeAsync("nope"));

        Assert.StartsWith("Can't locate revision identified by 'nope'", error.Message);
        Assert.Equal(["b"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task SeveralHeadsNeedASpecificTarget()
    {
        var map = TestMigrations.Graph("a", "b1 <- a", "b2 <- a");
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);

        var error = await Assert.ThrowsAsync<RevisionGraphException>(() => runner.UpgradeAsync("head"));
        Assert.StartsWith("Multiple head revisions are present for given argument 'head'", error.Message);
        Assert.Empty(await runner.CurrentAsync());

        await runner.UpgradeAsync("heads");
        Assert.Equal(["b1", "b2"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task ConcurrentRunnersApplyEachRevisionOnce()
    {
        var options = await NewDatabaseAsync();
        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(() => new MigrationRunner(Linear, options).UpgradeAsync())).ToArray();

        var results = await Task.WhenAll(runs);

        Assert.Equal(4, results.Sum(r => r.Steps.Count));
        Assert.Equal(["d"], await new MigrationRunner(Linear, options).CurrentAsync());
    }

    [SkippableFact]
    public async Task ALockHeldLongerThanTheTimeoutIsAClearErrorAndChangesNothing()
    {
        var options = await NewDatabaseAsync() with { LockTimeout = TimeSpan.FromSeconds(1), Retry = RetryPolicy.None };
        var runner = new MigrationRunner(Linear, options);
        await runner.UpgradeAsync("a");

        await using (await HoldLockAsync(options))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());
            Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("LockTimeout", error.Message);
            // The run gave up after its own LockTimeout, not after a provider's default (SQLite's would be 30 s).
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"gave up after {waited.Elapsed}");
        }

        Assert.Equal(["a"], await runner.CurrentAsync());
        await runner.UpgradeAsync();
        Assert.Equal(["d"], await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task AColumnAddedIfNotExistsIsAddedOnlyWhereMissing()
    {
        var map = new MigrationMap([.. TestMigrations.Graph("a").Migrations, new MigrationInfo("m", ["a"], "add missing", () => new TestMigrations.AddsMissingColumns())]);
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);

        await runner.UpgradeAsync();

        Assert.Equal(["m"], await runner.CurrentAsync());
        var catalog = await CatalogAsync(options);
        Assert.Contains("extra", catalog);
        await runner.DowngradeAsync("a");
        Assert.DoesNotContain("extra", await CatalogAsync(options));
    }

    [SkippableFact]
    public async Task OfflineScriptNeedsNoConnection()
    {
        var runner = new MigrationRunner(Linear, await NewDatabaseAsync());

        var script = runner.RenderScript(MigrationDirection.Upgrade, "b");

        Assert.Contains($"CREATE TABLE IF NOT EXISTS {Quote("alembic_version")}", script);
        Assert.Contains("-- Running upgrade  -> a, create a", script);
        Assert.Contains($"INSERT INTO {Quote("alembic_version")} ({Quote("version_num")}) VALUES ('a');", script);
        Assert.Contains($"UPDATE {Quote("alembic_version")} SET {Quote("version_num")} = 'b' WHERE {Quote("version_num")} = 'a';", script);
        Assert.DoesNotContain("t_c", script);
    }

    [SkippableFact]
    public async Task IdentifiersWithQuotesSemicolonsAndUnicodeAreQuotedAppliedAndRolledBack()
    {
        var map = new MigrationMap([.. TestMigrations.Graph("a").Migrations, new MigrationInfo("h", ["a"], "hostile names", () => new TestMigrations.HostileNames())]);
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);
        await runner.UpgradeAsync("a");
        var catalogAtA = await CatalogAsync(options);

        await runner.UpgradeAsync();

        Assert.Equal(["h"], await runner.CurrentAsync());
        Assert.Equal(new[] { "t_a", TestMigrations.HostileNames.Table }.Order(StringComparer.Ordinal), (await TablesAsync(options)).Order(StringComparer.Ordinal));
        // The catalog shows a name as it is (information_schema) or quoted (stored SQL, index definitions).
        var catalog = await CatalogAsync(options);
        foreach (var name in new[] { TestMigrations.HostileNames.Column, TestMigrations.HostileNames.Other, TestMigrations.HostileNames.Index })
            Assert.True(catalog.Contains(name, StringComparison.Ordinal) || catalog.Contains(Quote(name), StringComparison.Ordinal), $"{name} is not in the catalog:\n{catalog}");
        var value = "'" + TestMigrations.HostileNames.Value.Replace("'", "''") + "'";
        Assert.Equal(1, await CountAsync(options,
            $"SELECT COUNT(*) FROM {Quote(TestMigrations.HostileNames.Table)} WHERE {Quote(TestMigrations.HostileNames.Column)} = {value} AND {Quote(TestMigrations.HostileNames.Other)} = 7"));

        await runner.DowngradeAsync("a");

        Assert.Equal(["t_a"], await TablesAsync(options));
        Assert.Equal(catalogAtA, await CatalogAsync(options));
    }
}
