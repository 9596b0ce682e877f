using System;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Squash;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Panel.Migrations.Tests.Pipeline;
using Xunit;

namespace Panel.Migrations.Tests.Squash;

/// <summary>
/// <c>squash --verify</c> on each kind of database: one scratch database through the replaced chain, one through the
/// squash, catalogs and version tables compared; the configured database is not touched.
/// </summary>
public abstract class SquashVerifyTests
{
    protected abstract Task<DatabaseUnderTest> NewDatabaseAsync();

    private static MigrationMap WithSquash(params string[] squashCreates) => new(
    [
        new MigrationInfo("a", [], "a", () => new TestMigrations.CreatesTable("a")),
        new MigrationInfo("b", ["a"], "b", () => new TestMigrations.CreatesTable("b")),
        new MigrationInfo("c", ["b"], "c", () => new TestMigrations.CreatesTable("c")),
        new MigrationInfo("s", [], "squash", () => new TestMigrations.CreatesTables(squashCreates), replaces: ["a", "b", "c"]),
    ]);

    [Fact]
    public async Task An_equivalent_squash_verifies_and_the_configured_database_is_not_touched()
    {
        var database = await NewDatabaseAsync();
        var before = await database.SnapshotAsync();
        var map = WithSquash("a", "b", "c");

        Assert.Empty(await SquashVerifier.DifferencesAsync(map, map.Graph.Squashes[0], database.Options, CancellationToken.None));
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task A_squash_that_misses_a_table_fails_naming_it()
    {
        var database = await NewDatabaseAsync();
        var map = WithSquash("a", "b");

        var difference = Assert.Single(await SquashVerifier.DifferencesAsync(map, map.Graph.Squashes[0], database.Options, CancellationToken.None));

        Assert.StartsWith("missing table t_c", difference, StringComparison.Ordinal);
        Assert.EndsWith("the chain makes it, squash s does not", difference, StringComparison.Ordinal);
    }
}

public sealed class SqliteSquashVerifyTests : SquashVerifyTests, IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    protected override async Task<DatabaseUnderTest> NewDatabaseAsync()
    {
        var database = new SqliteUnderTest(System.IO.Path.Combine(_files.Folder, Guid.NewGuid().ToString("N")[..8] + ".db"));
        await database.ExecuteAsync("PRAGMA user_version = 1");
        return database;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSquashVerifyTests(PostgresFixture postgres) : SquashVerifyTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new PostgresUnderTest(await postgres.CreateDatabaseAsync());
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSquashVerifyTests(MariaDbFixture mariadb) : SquashVerifyTests
{
    protected override async Task<DatabaseUnderTest> NewDatabaseAsync() => new MariaDbUnderTest(await mariadb.CreateDatabaseAsync());
}
