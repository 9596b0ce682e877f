using System.Threading.Tasks;
using Panel.Migrations.Testing;
using Xunit;

namespace Panel.Migrations.Tests.Testing;

/// <summary>The data step: seed at one revision, upgrade, assert on the rows; the framework's assertions reach the test unchanged.</summary>
public sealed class DataMigrationTests
{
    [Fact]
    public Task Rows_seeded_before_a_revision_are_checked_after_it() =>
        DataMigrationTest.RunAsync(BranchedGraph.Map(), before: "m1", after: "d1",
            seed: db => db.ExecuteAsync("INSERT INTO notes (body, title) VALUES (@body, @title)", ("@body", "hello"), ("@title", null)),
            verify: async db =>
            {
                var rows = await db.QueryAsync("SELECT body, title, pinned FROM notes");
                var row = Assert.Single(rows);
                Assert.Equal(["hello", null, 0L], row);
            });

    [Fact]
    public async Task A_failing_assertion_reaches_the_test_as_it_is()
    {
        await Assert.ThrowsAsync<Xunit.Sdk.EqualException>(() =>
            DataMigrationTest.RunAsync(BranchedGraph.Map(), "m1", "d1",
                seed: db => db.ExecuteAsync("INSERT INTO notes (body) VALUES ('x')"),
                verify: async db => Assert.Equal(1L, (await db.QueryAsync("SELECT pinned FROM notes"))[0][0])));
    }

    [Fact]
    public async Task A_seed_that_breaks_the_upgrade_fails_naming_both_revisions()
    {
        var error = await Assert.ThrowsAsync<MigrationTestException>(() =>
            DataMigrationTest.RunAsync(BranchedGraph.Map(), "b1", "heads",
                seed: db => db.ExecuteAsync("CREATE INDEX ix_notes_title ON notes (body)"),
                verify: _ => Task.CompletedTask));

        Assert.StartsWith("Upgrading the seeded database from b1 to heads failed: ", error.Message);
    }
}
