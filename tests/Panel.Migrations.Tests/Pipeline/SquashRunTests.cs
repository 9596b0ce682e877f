using System;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Schema;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// No database stranded by a squash, on each kind of database: p &lt;- a &lt;- b &lt;- c &lt;- d, and s replacing a..c
/// (it creates t_a, t_b and t_c at once). Each case runs with the replaced classes still in the build and once deleted.
/// </summary>
public abstract class SquashRunTests
{
    private static MigrationInfo Creates(string revision, params string[] parents) =>
        new(revision, parents, "create " + revision, () => new TestMigrations.CreatesTable(revision));

    private static readonly MigrationInfo Squash = new("s", ["p"], "squash a..c",
        () => new TestMigrations.CreatesTables("a", "b", "c"), replaces: ["a", "b", "c"]);

    // The build before the squash.
    private static MigrationMap Before => new([Creates("p"), Creates("a", "p"), Creates("b", "a"), Creates("c", "b"), Creates("d", "c")]);

    private static MigrationMap With(bool replacedInBuild) => new(replacedInBuild
        ? [Creates("p"), Creates("a", "p"), Creates("b", "a"), Creates("c", "b"), Creates("d", "c"), Squash]
        : [Creates("p"), Creates("d", "c"), Squash]);

    protected abstract Task<DatabaseUnderTest> NewDatabaseAsync();

    private static string[] Tables(DatabaseUnderTest database) => CatalogReader.Read(database.Options).Tables.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fresh_database_runs_the_squash_alone_then_what_follows(bool replacedInBuild)
    {
        var database = await NewDatabaseAsync();
        var result = await new MigrationRunner(With(replacedInBuild), database.Options).UpgradeAsync();

        Assert.Equal(["p", "s", "d"], result.Steps.Select(a => a.Revision));
        Assert.Equal(["d"], result.HeadsAfter);
        Assert.Equal(["t_a", "t_b", "t_c", "t_d", "t_p"], Tables(database));
        // An older build (or Alembic) sees the revision the squash is recorded under, which it knows.
        var older = new MigrationRunner(Before, database.Options);
        Assert.Equal(["d"], await older.CurrentAsync());
        await older.DowngradeAsync("c");
        Assert.Equal(["c"], await older.CurrentAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_database_at_the_end_of_the_range_has_nothing_to_redo(bool replacedInBuild)
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(Before, database.Options).UpgradeAsync("c");
        var runner = new MigrationRunner(With(replacedInBuild), database.Options);

        Assert.Equal(["c"], await runner.CurrentAsync());
        Assert.Empty((await runner.UpgradeAsync("s")).Steps);
        var check = await runner.PlanAsync(MigrationDirection.Upgrade, "heads");
        Assert.True(check.CanRun);
        Assert.Equal(["d"], check.Steps.Select(s => s.Revision));
        Assert.Contains("c", runner.Map.Graph.History());

        var result = await runner.UpgradeAsync();
        Assert.Equal(["d"], result.Steps.Select(a => a.Revision));
    }

    [Fact]
    public async Task A_database_inside_the_range_upgrades_through_the_replaced_migrations_while_they_are_in_the_build()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(Before, database.Options).UpgradeAsync("b");

        var result = await new MigrationRunner(With(replacedInBuild: true), database.Options).UpgradeAsync();

        Assert.Equal(["c", "d"], result.Steps.Select(a => a.Revision));
        Assert.Equal(["t_a", "t_b", "t_c", "t_d", "t_p"], Tables(database));
    }

    [Fact]
    public async Task A_database_inside_the_range_is_refused_before_any_change_once_they_are_deleted()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(Before, database.Options).UpgradeAsync("b");
        var before = await database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => new MigrationRunner(With(replacedInBuild: false), database.Options).UpgradeAsync());

        Assert.Equal(before, await database.SnapshotAsync());
        Assert.Equal(PlanFindingKind.SquashedRevision, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("is at revision b. Revision b was squashed into s (which replaces a, b, c), and the replaced migrations are no longer in this build. " +
                        "The oldest revision this build can upgrade from is c, the end of that range (or p, below the squash); nothing was changed.", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Downgrade_below_the_squash_runs_its_down(bool replacedInBuild)
    {
        var database = await NewDatabaseAsync();
        var runner = new MigrationRunner(With(replacedInBuild), database.Options);
        await runner.UpgradeAsync();

        var result = await runner.DowngradeAsync("p");

        Assert.Equal(["d", "s"], result.Steps.Select(a => a.Revision));
        Assert.Equal(["p"], result.HeadsAfter);
        Assert.Equal(["t_p"], Tables(database));
    }

    [Fact]
    public async Task Downgrade_into_the_middle_runs_the_replaced_migrations_while_they_remain()
    {
        var database = await NewDatabaseAsync();
        var runner = new MigrationRunner(With(replacedInBuild: true), database.Options);
        await runner.UpgradeAsync();

        var result = await runner.DowngradeAsync("b");

        Assert.Equal(["d", "c"], result.Steps.Select(a => a.Revision));
        Assert.Equal(["t_a", "t_b", "t_p"], Tables(database));
    }

    [Fact]
    public async Task Downgrade_into_the_middle_is_refused_once_the_replaced_migrations_are_deleted()
    {
        var database = await NewDatabaseAsync();
        var runner = new MigrationRunner(With(replacedInBuild: false), database.Options);
        await runner.UpgradeAsync();
        var before = await database.SnapshotAsync();

        var error = await Assert.ThrowsAsync<RevisionGraphException>(() => runner.DowngradeAsync("b"));

        Assert.Equal(before, await database.SnapshotAsync());
        Assert.Contains("Revision b was squashed into s", error.Message);
        Assert.Contains("A downgrade can stop at c or below the squash, not inside it.", error.Message);
    }

    [Fact]
    public async Task The_history_check_compares_a_squash_with_what_it_logged()
    {
        var database = await NewDatabaseAsync();
        await new MigrationRunner(Before, database.Options).UpgradeAsync("c");
        await new MigrationRunner(With(replacedInBuild: false), database.Options).UpgradeAsync();
        var fresh = await NewDatabaseAsync();
        await new MigrationRunner(With(replacedInBuild: false), fresh.Options).UpgradeAsync("s");

        // The squash edited after it ran: refused where it ran, not where the replaced migrations ran.
        var edited = new MigrationMap([Creates("p"), Creates("d", "c"),
            new MigrationInfo("s", ["p"], "squash a..c", () => new TestMigrations.CreatesTables("a", "b", "c", "x"), replaces: ["a", "b", "c"])]);
        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => new MigrationRunner(edited, fresh.Options).UpgradeAsync());
        Assert.Equal(PlanFindingKind.ChangedMigrations, Assert.Single(error.Plan.Findings, f => f.Blocks).Kind);
        Assert.Contains("Migration s (squash a..c) was changed", error.Message);
        Assert.Empty((await new MigrationRunner(edited, database.Options).UpgradeAsync()).Steps);
    }
}

public sealed class SqliteSquashRunTests : SquashRunTests, IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    protected override Task<DatabaseUnderTest> NewDatabaseAsync()
    {
        var folder = System.IO.Path.Combine(_files.Folder, Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        return Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest(System.IO.Path.Combine(folder, "panel.db")));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSquashRunTests(PostgresFixture postgres) : SquashRunTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new PostgresUnderTest(await postgres.CreateDatabaseAsync());
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSquashRunTests(MariaDbFixture mariadb) : SquashRunTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new MariaDbUnderTest(await mariadb.CreateDatabaseAsync());
}
