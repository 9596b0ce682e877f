using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Testing;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Testing;

/// <summary>The schema snapshot file: written when missing, quiet when current, rewritten and failing when the schema changed; the sample's own is committed.</summary>
public sealed class SchemaSnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "panel-snapshot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_snapshot_lists_each_table_with_its_parts()
    {
        var text = await SchemaSnapshot.RenderAsync(BranchedGraph.Map());

        Assert.StartsWith("# Schema at d1 on Sqlite, written by Panel.Migrations.Testing (SchemaSnapshot).", text);
        Assert.Contains("\ntable notes\n  column notes.body (TEXT NULL no default)\n", text);
        Assert.Contains("\n  column notes.pinned (INTEGER NOT NULL DEFAULT 0)\n", text);
        Assert.Contains("\n  index ix_notes_title (ON notes (title))\n", text);
        Assert.Contains("\ntable tags\n", text);
        Assert.DoesNotContain("alembic_version", text);
    }

    [Fact]
    public async Task A_missing_file_is_written_then_passes_then_a_schema_change_rewrites_it_and_fails_with_the_change()
    {
        var path = Path.Combine(_folder, "schema.sqlite.txt");

        var missing = await Assert.ThrowsAsync<MigrationTestException>(() => SchemaSnapshot.VerifyAsync(BranchedGraph.Map(), path));
        Assert.Contains("did not exist; it has been written. Review it and commit it", missing.Message);
        await SchemaSnapshot.VerifyAsync(BranchedGraph.Map(), path);

        var changed = new MigrationMap(
        [
            .. BranchedGraph.Map().Migrations,
            new MigrationInfo("e1", ["d1"], "index pinned", () => new LambdaMigration(op => op.CreateIndex("ix_notes_pinned", "notes", ["pinned"]), op => op.DropIndex("ix_notes_pinned", "notes"))),
        ]);
        var error = await Assert.ThrowsAsync<MigrationTestException>(() => SchemaSnapshot.VerifyAsync(changed, path));

        Assert.Contains("The schema at head differs from the snapshot", error.Message);
        Assert.Contains("\n  - removed: # Schema at d1 on Sqlite", error.Message);
        Assert.Contains("\n  - added: index ix_notes_pinned (ON notes (pinned))", error.Message);
        Assert.Contains("ix_notes_pinned", File.ReadAllText(path));
        await SchemaSnapshot.VerifyAsync(changed, path);
    }

    [Fact]
    public Task The_sample_schema_snapshot_is_current() =>
        SchemaSnapshot.VerifyAsync(AaPanel.MigrationRegistry.Map, RepositoryPaths.Of("samples", "AaPanel", "schema.sqlite.txt"));
}
