using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary>The executor on a real PostgreSQL server, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresExecutorTests(PostgresFixture postgres) : ExecutorTests
{
    protected override async Task<MigrationOptions> NewDatabaseAsync() => MigrationOptions.ForPostgreSql(await postgres.CreateDatabaseAsync());

    protected override async Task<IReadOnlyList<string>> TablesAsync(MigrationOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY table_name")).ToList();
    }

    protected override async Task<string> CatalogAsync(MigrationOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        var columns = await connection.QueryAsync<string>("""
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY table_name, ordinal_position
            """);
        var indexes = await connection.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY indexname");
        var constraints = await connection.QueryAsync<string>("""
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY conrelid::regclass::text, conname
            """);
        return string.Join("\n", columns.Concat(indexes).Concat(constraints));
    }

    // Npgsql cancels a command after the connection's Command Timeout (30 s unless set); an index build on a big table
    // takes longer. Migration statements run without a client timeout unless MigrationOptions.CommandTimeout sets one.
    [SkippableFact]
    public async Task AStatementLongerThanTheConnectionsCommandTimeoutIsNotCutOff()
    {
        // Both the first step (sent by itself) and a later one (sent in a StepPipeline batch) outlast the connection's limit.
        var builder = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { CommandTimeout = 1 };
        var map = new MigrationMap([
            new MigrationInfo("slow", [], "sleeps", () => new TestMigrations.RunsSql("SELECT pg_sleep(1.5)")),
            new MigrationInfo("slower", ["slow"], "sleeps", () => new TestMigrations.RunsSql("SELECT pg_sleep(1.5)"))]);
        var result = await new MigrationRunner(map, MigrationOptions.ForPostgreSql(builder.ConnectionString)).UpgradeAsync();
        Assert.Equal(["slower"], result.HeadsAfter);
    }

    [SkippableFact]
    public async Task StepsSentTogetherKeepTheirOwnTransactionsAndAFailureKeepsTheStepsBeforeIt()
    {
        // 50 steps. s01 runs by itself (the unversioned-schema check reads the catalog first), s02-s11 travel together,
        // s12 holds two commands and runs by itself, s13-s44 fill one round trip (StepPipeline.MaxSteps), s45-s50 go in
        // the last, where s47 fails half-way: s45 and s46 stay applied, s47 is rolled back, s48-s50 never run.
        var migrations = new List<MigrationInfo>();
        for (var i = 1; i <= 50; i++)
        {
            var revision = $"s{i:00}";
            Func<Migration> factory = i switch
            {
                12 => () => new TestMigrations.RunsSql("CREATE TABLE t_s12 (id integer); CREATE TABLE t_s12b (id integer)"),
                47 => () => new TestMigrations.FailsHalfway(),
                _ => () => new TestMigrations.CreatesTable(revision),
            };
            migrations.Add(new MigrationInfo(revision, i == 1 ? [] : [$"s{i - 1:00}"], "step " + revision, factory));
        }
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(new MigrationMap(migrations), options);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.StartsWith("Upgrade to s47", error.Message);
        Assert.Contains("(statement: INSERT INTO no_such_table VALUES (1))", error.Message);
        Assert.Equal(["s46"], await runner.CurrentAsync());
        Assert.Equal(Enumerable.Range(1, 46).Where(i => i != 12).Select(i => $"t_s{i:00}").Concat(["t_s12", "t_s12b"]).Order(StringComparer.Ordinal),
                     await TablesAsync(options));
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        var rows = (await connection.QueryAsync<(string Revision, DateTime Started, DateTime Finished, long Ms)>(
            "SELECT revision, started_at, finished_at, duration_ms FROM panel_migrations_log WHERE status = 'done' ORDER BY id")).ToList();
        Assert.Equal(Enumerable.Range(1, 46).Select(i => $"s{i:00}"), rows.Select(r => r.Revision));
        Assert.All(rows, r => Assert.True(r.Started <= r.Finished && r.Ms >= 0 && r.Ms <= (r.Finished - r.Started).TotalMilliseconds + 1, $"{r}"));
        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(pair.First.Finished <= pair.Second.Started, $"{pair} in order"));
    }

    [SkippableFact]
    public async Task CommandTimeoutBoundsAMigrationStatementAndTheStepRollsBack()
    {
        var options = MigrationOptions.ForPostgreSql(await postgres.CreateDatabaseAsync()) with { CommandTimeout = TimeSpan.FromSeconds(1) };
        var runner = new MigrationRunner(TestMigrations.Statements("slow", "SELECT pg_sleep(5)"), options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4.5));
        Assert.Contains("rolled back", error.Message);
        Assert.Empty(await runner.CurrentAsync());
    }

    [SkippableFact]
    public async Task ACancelledRunLeavesEachStepWholeAndTheNextRunFinishes()
    {
        // s02-s08 travel together; s05 sleeps, and the run is cancelled while the server works through the group. The
        // server stops where it is: the steps before stay committed, the one running rolls back, none after it runs.
        var migrations = new List<MigrationInfo>();
        for (var i = 1; i <= 8; i++)
        {
            var revision = $"s{i:00}";
            Func<Migration> factory = i == 5
                ? () => new TestMigrations.RunsSql("CREATE TABLE t_s05 (id integer)", "SELECT pg_sleep(3)")
                : () => new TestMigrations.CreatesTable(revision);
            migrations.Add(new MigrationInfo(revision, i == 1 ? [] : [$"s{i - 1:00}"], "step " + revision, factory));
        }
        var map = new MigrationMap(migrations);
        var options = await NewDatabaseAsync();
        using var cancel = new System.Threading.CancellationTokenSource();
        var runner = new MigrationRunner(map, options with
        {
            Log = line => { if (line.EndsWith("-> s08, step s08", StringComparison.Ordinal)) cancel.CancelAfter(TimeSpan.FromMilliseconds(800)); },
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.UpgradeAsync("head", cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2.9)); // it did not wait for the sleep
        var current = Assert.Single(await runner.CurrentAsync());
        var reached = int.Parse(current.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reached, 1, 4);
        Assert.Equal(Enumerable.Range(1, reached).Select(i => $"t_s{i:00}"), await TablesAsync(options));
        Assert.Equal(reached, await CountAsync(options, "SELECT COUNT(*) FROM panel_migrations_log WHERE status = 'done'"));

        var rest = await new MigrationRunner(map, options).UpgradeAsync();
        Assert.Equal(Enumerable.Range(reached + 1, 8 - reached).Select(i => $"s{i:00}"), rest.Steps.Select(s => s.Revision));
        Assert.Equal(8, (await TablesAsync(options)).Count);
    }

    [SkippableFact]
    public async Task TheLogRecordsUtcWhateverTheSessionTimeZone()
    {
        // a is timed by the runner, b by the server (it travels in a StepPipeline batch).
        var builder = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Timezone = "Asia/Shanghai" };
        await new MigrationRunner(TestMigrations.Graph("a", "b <- a"), MigrationOptions.ForPostgreSql(builder.ConnectionString)).UpgradeAsync();

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        foreach (var revision in new[] { "a", "b" })
        {
            var started = await connection.ExecuteScalarAsync<DateTime>($"SELECT started_at FROM panel_migrations_log WHERE revision = '{revision}'");
            var finished = await connection.ExecuteScalarAsync<DateTime>($"SELECT finished_at FROM panel_migrations_log WHERE revision = '{revision}'");
            Assert.InRange(started, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
            Assert.InRange(finished, started, DateTime.UtcNow.AddMinutes(1));
        }
    }

    [SkippableFact]
    public async Task AServerThatDoesNotAnswerIsRetriedThenAClearErrorWithoutThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Port = 1, Password = "s3cret-pw", Timeout = 2 };
        var attempts = new RetryPolicy(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        var runner = new MigrationRunner(TestMigrations.Graph("a"), MigrationOptions.ForPostgreSql(builder.ConnectionString) with { Retry = attempts });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.StartsWith("Cannot connect to the PostgreSQL database", error.Message);
        Assert.Contains("DATABASE_URI", error.Message);
        Assert.DoesNotContain("s3cret-pw", error.ToString());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"retried with back-off (took {clock.Elapsed})");
    }

    [SkippableFact]
    public async Task AMigrationWithoutTransactionBuildsItsIndexConcurrently()
    {
        var concurrent = new MigrationInfo("ix", ["a"], "index concurrently", () => new TestMigrations.IndexesConcurrently(), transaction: MigrationTransaction.None);
        var map = new MigrationMap([.. TestMigrations.Graph("a").Migrations, concurrent]);
        var options = await NewDatabaseAsync();
        var runner = new MigrationRunner(map, options);

        await runner.UpgradeAsync();

        Assert.Equal(["ix"], await runner.CurrentAsync());
        Assert.Contains("CREATE INDEX ix_t_a_name ON public.t_a", await CatalogAsync(options));
        var whole = new MigrationRunner(map, options with { TransactionMode = TransactionMode.WholeRun });
        await runner.DowngradeAsync("base");
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => whole.UpgradeAsync());
        Assert.Contains("MigrationTransaction.None", error.Message);
    }

    protected override async Task<IAsyncDisposable> HoldLockAsync(MigrationOptions options)
    {
        var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"SELECT pg_advisory_lock({Panel.Migrations.Execution.PostgreSqlAdapter.LockKey(options.VersionTable)})");
        return new Held(connection.DisposeAsync);
    }

    protected override System.Data.Common.DbConnection Connect(MigrationOptions options) => new NpgsqlConnection(options.ConnectionString);

    protected override async Task<long> CountAsync(MigrationOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
