using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Testing;
using Panel.Migrations.Tests.Batch;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Testing;

/// <summary>The test kit's stairway on SQLite (the default): a graph with a branch and a merge passes; a Down that forgets something fails naming its revision.</summary>
public sealed class StairwayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sample_passes_the_stairway() => output.WriteLine((await MigrationStairway.RunAsync(AaPanel.MigrationRegistry.Map)).ToString());

    [Fact]
    public async Task A_graph_with_a_branch_and_a_merge_passes_in_upgrade_order()
    {
        var report = await MigrationStairway.RunAsync(BranchedGraph.Map());

        Assert.Equal(["a1", "c1", "b1", "m1", "d1"], report.Steps.Select(s => s.Revision));
        Assert.Equal(DatabaseKind.Sqlite, report.Kind);
        Assert.Empty(report.Irreversible);
        Assert.StartsWith("Stairway on Sqlite: 5 revision(s) up, down and up again in ", report.ToString());
    }

    [Fact]
    public async Task A_Down_that_leaves_an_index_behind_fails_naming_the_revision_and_the_index()
    {
        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(BranchedGraph.WithLeakyDown()));

        Assert.Equal("c1", error.Revision);
        Assert.Equal("Revision c1 (add note title): after its downgrade the schema is not the one before its upgrade:\n"
                     + "  - index ix_notes_body (ON notes (body)) is there after the downgrade, not before the upgrade\n"
                     + "Make Down undo everything Up does, and nothing more.", error.Message);
    }

    [Fact]
    public async Task A_Down_that_drops_too_much_fails_with_the_missing_column()
    {
        var map = new MigrationMap(
        [
            new MigrationInfo("a1", [], "create notes", () => new LambdaMigration(
                op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("body", SqlType.Text)), op => op.DropTable("notes"))),
            new MigrationInfo("a2", ["a1"], null, () => new LambdaMigration(
                op => op.AddColumn("notes", "title", SqlType.Text), op => op.BatchAlterTable("notes", t => t.DropColumn("title").DropColumn("body")))),
        ]);

        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(map));

        Assert.Equal("a2", error.Revision);
        Assert.Contains("Revision a2: after its downgrade the schema is not the one before its upgrade:\n  - column notes.body (TEXT NULL no default) is there before the upgrade, not after the downgrade", error.Message);
    }

    [Fact]
    public async Task A_Down_that_fails_is_reported_with_the_revision_and_the_database_error()
    {
        var map = new MigrationMap(
        [
            new MigrationInfo("a1", [], "create notes", () => new LambdaMigration(
                op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true)), op => op.DropTable("no_such_table"))),
        ]);

        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(map));

        Assert.Equal("a1", error.Revision);
        Assert.StartsWith("Revision a1 (create notes): its downgrade failed: ", error.Message);
        Assert.Contains("no_such_table", error.Message);
    }

    [Fact]
    public async Task An_irreversible_revision_is_upgraded_only_and_the_walk_goes_on()
    {
        var map = new MigrationMap(
        [
            new MigrationInfo("a1", [], "create notes", () => new LambdaMigration(
                op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true)), op => op.DropTable("notes"))),
            new MigrationInfo("a2", ["a1"], "fill", () => new Irreversible()),
            new MigrationInfo("a3", ["a2"], "tags", () => new LambdaMigration(
                op => op.CreateTable("tags", t => t.Column("id", SqlType.Integer, primaryKey: true)), op => { })),
        ]);

        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.RunAsync(map));
        Assert.Equal("a3", error.Revision); // a2 was passed over; a3's empty Down is caught

        var report = await MigrationStairway.RunAsync(new MigrationMap(map.Migrations.Take(2)));
        Assert.Equal(["a2"], report.Irreversible);
        Assert.EndsWith("; irreversible, upgraded only: a2.", report.ToString());
    }

    [Fact]
    public async Task The_throwaway_SQLite_file_is_deleted_on_dispose()
    {
        string path;
        await using (var db = await TestDatabase.Sqlite.CreateAsync())
        {
            await db.RunnerFor(BranchedGraph.Map()).UpgradeAsync("heads");
            path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Options.ConnectionString).DataSource;
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    private sealed class Irreversible : Migration
    {
        public override void Up(MigrationBuilder op) => op.Execute("INSERT INTO notes (id) VALUES (1)");
    }
}
