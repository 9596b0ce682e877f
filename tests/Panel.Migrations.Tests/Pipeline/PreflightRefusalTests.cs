using System;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// Every refusal is decided before the first write: the database is exactly as it was (SQLite byte for byte, with no
/// backup file beside it; PostgreSQL and MariaDB column for column and row count for row count), with one message.
/// </summary>
public abstract class PreflightRefusalTests
{
    private static readonly MigrationMap TwoSteps = TestMigrations.Graph("001", "002 <- 001");

    protected abstract Task<DatabaseUnderTest> NewDatabaseAsync();

    [Fact]
    public async Task An_unversioned_schema_is_refused_and_nothing_is_created()
    {
        var database = await NewDatabaseAsync();
        await database.ExecuteAsync("CREATE TABLE t_001 (id INTEGER)");
        var error = await RefusedAsync<MigrationRefusedException>(database, TwoSteps, "head");
        Assert.Equal(PlanFindingKind.UnversionedSchema, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("table(s) t_001 that revision 001 creates already exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("'stamp 001'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_migration_is_refused_and_nothing_is_written()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(TwoSteps, database.Options).UpgradeAsync("001");
        var edited = new MigrationMap(TwoSteps.Migrations.Select(m => m.Revision == "001"
            ? new MigrationInfo("001", [], m.Message, () => new TestMigrations.RunsSql("CREATE TABLE t_001 (id INTEGER, added INTEGER)"))
            : m));
        var error = await RefusedAsync<MigrationRefusedException>(database, edited, "head");
        Assert.Equal(PlanFindingKind.ChangedMigrations, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.StartsWith("Migration 001 (create 001) was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_target_is_refused_before_the_version_table_exists()
    {
        var database = await NewDatabaseAsync();
        var error = await RefusedAsync<RevisionGraphException>(database, TwoSteps, "zzz");
        Assert.Contains("zzz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(TestMigrations.Graph("001", "002 <- 001", "003 <- 002"), database.Options).UpgradeAsync();
        var error = await RefusedAsync<MigrationRefusedException>(database, TwoSteps, "head");
        Assert.Equal(PlanFindingKind.DatabaseNewerThanCode, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("revision 003, which this build of the application does not know", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlapping_version_rows_are_refused_with_the_repair()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(TestMigrations.Graph("001", "002 <- 001", "003 <- 002"), database.Options).UpgradeAsync("002");
        await database.ExecuteAsync("INSERT INTO alembic_version (version_num) VALUES ('001')");
        var error = await RefusedAsync<MigrationRefusedException>(database, TestMigrations.Graph("001", "002 <- 001", "003 <- 002"), "head");
        Assert.Equal(PlanFindingKind.OverlappingVersionRows, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("001 and its descendant 002", error.Message, StringComparison.Ordinal);
        Assert.Contains("stamp <revision> --purge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_held_past_the_timeout_is_refused_and_nothing_is_written()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(TwoSteps, database.Options).UpgradeAsync("001");
        var before = await database.SnapshotAsync();
        await using (await database.HoldLockAsync())
        {
            var runner = new MigrationRunner(TwoSteps, database.Options with { LockTimeout = TimeSpan.FromSeconds(1) });
            var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());
            Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task A_refused_plan_is_data_and_reads_without_writing()
    {
        var database = await NewDatabaseAsync();
        await database.ExecuteAsync("CREATE TABLE t_001 (id INTEGER)");
        var before = await database.SnapshotAsync();
        var plan = await new MigrationRunner(TwoSteps, database.Options).PlanAsync(MigrationDirection.Upgrade, "head");
        Assert.False(plan.CanRun);
        Assert.Equal(["001", "002"], plan.Steps.Select(s => s.Revision));
        Assert.Empty(plan.HeadsBefore);
        Assert.Empty(plan.HeadsAfter);
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task A_plan_runs_while_the_database_is_where_it_began_and_is_refused_once_it_moved()
    {
        var database = await NewDatabaseAsync();
        var runner = new MigrationRunner(TwoSteps, database.Options);
        await runner.UpgradeAsync("001");
        var plan = await runner.PlanAsync(MigrationDirection.Upgrade, "head");
        var stale = await runner.PlanAsync(MigrationDirection.Upgrade, "head");

        var result = await runner.RunAsync(plan);

        Assert.Equal(["002"], result.HeadsAfter);
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.RunAsync(stale));
        Assert.StartsWith("The database moved since the plan was made: it is at 002, the plan began at 001", error.Message, StringComparison.Ordinal);
    }

    private static async Task<T> RefusedAsync<T>(DatabaseUnderTest database, MigrationMap map, string target) where T : Exception
    {
        var before = await database.SnapshotAsync();
        var error = await Assert.ThrowsAsync<T>(() => new MigrationRunner(map, database.Options).UpgradeAsync(target));
        Assert.Equal(before, await database.SnapshotAsync());
        return error;
    }
}

public sealed class SqlitePreflightRefusalTests : PreflightRefusalTests, IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    protected override async Task<DatabaseUnderTest> NewDatabaseAsync()
    {
        var folder = System.IO.Path.Combine(_files.Folder, Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        var database = new SqliteUnderTest(System.IO.Path.Combine(folder, "panel.db"));
        await database.ExecuteAsync("PRAGMA user_version = 1"); // an existing file: SQLite must not grow or touch it
        return database;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPreflightRefusalTests(PostgresFixture postgres) : PreflightRefusalTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new PostgresUnderTest(await postgres.CreateDatabaseAsync());
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbPreflightRefusalTests(MariaDbFixture mariadb) : PreflightRefusalTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new MariaDbUnderTest(await mariadb.CreateDatabaseAsync());
}
