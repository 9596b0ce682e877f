using System;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// A batch that only changes nullability and CHECK constraints is altered in place on SQLite 3.53 and later (the
/// bundled one): no row or index is copied, and the table ends as a rebuild would leave it.
/// </summary>
public sealed class ConstraintsInPlaceTests : IDisposable
{
    private const string RootPages = "SELECT group_concat(name || '=' || rootpage, ',') FROM (SELECT name, rootpage FROM sqlite_master WHERE tbl_name = 'sites' ORDER BY name)";

    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void MakeRequired(BatchAlterTableBuilder t) => t.AlterColumn("path", nullable: false).AlterColumn("port", nullable: false);

    private static void MakeOptional(BatchAlterTableBuilder t) => t.AlterColumn("path", nullable: true).AlterColumn("port", nullable: true);

    // Up in place on one copy, by a rebuild on another: the same catalog and rows; in place, no root page moved.
    private async Task<BatchDatabase> InPlaceAsARebuildAsync(Action<BatchAlterTableBuilder> change, Action<BatchAlterTableBuilder>? undo = null)
    {
        var inPlace = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var rebuilt = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var pages = inPlace.Rows(RootPages);

        await inPlace.UpAsync(op => op.BatchAlterTable("sites", change), undo is null ? null : op => op.BatchAlterTable("sites", undo));
        await rebuilt.UpAsync(op => op.BatchAlterTable("sites", change, BatchRecreate.Always));

        Assert.Equal(rebuilt.Snapshot(), inPlace.Snapshot());
        Assert.Equal(pages, inPlace.Rows(RootPages));
        Assert.Contains(inPlace.Log, l => l.StartsWith("Altered table sites in place", StringComparison.Ordinal));
        Assert.DoesNotContain(inPlace.Log, l => l.StartsWith("Rebuilt", StringComparison.Ordinal));
        Assert.Empty(inPlace.Progress);
        Assert.Equal(["String:ok"], inPlace.Rows("PRAGMA integrity_check"));
        return inPlace;
    }

    [Fact]
    public async Task NullabilityChangesAlterInPlaceAndLeaveWhatARebuildLeaves()
    {
        var before = new BatchDatabase(_files.NewPath(), PanelSchema.Sql).Snapshot();
        var db = await InPlaceAsARebuildAsync(MakeRequired, MakeOptional);
        Assert.Contains("not null", BatchDatabase.Normalise(db.Rows("SELECT sql FROM sqlite_master WHERE name = 'sites'")[0]));

        await db.Runner(op => op.BatchAlterTable("sites", MakeRequired), op => op.BatchAlterTable("sites", MakeOptional)).DowngradeAsync("base");
        Assert.Equal(before, db.Snapshot());
    }

    [Fact]
    public async Task CheckConstraintsAreAddedAndDroppedInPlace()
    {
        var db = await InPlaceAsARebuildAsync(t => t.CreateCheckConstraint("ck_sites_port_range", "port < 1000")
                                                    .DropConstraint("ck_sites_status", ConstraintKind.Check)
                                                    .AlterColumn("path", nullable: false));
        var sql = BatchDatabase.Normalise(db.Rows("SELECT sql FROM sqlite_master WHERE name = 'sites'")[0]);
        Assert.Contains("ck_sites_port_range", sql);
        Assert.DoesNotContain("ck_sites_status", sql);
        // SQLite enforces the new one and no longer the old one.
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => db.Scalar("UPDATE sites SET port = 5000 WHERE id = 1"));
        db.Scalar("UPDATE sites SET status = 'paused' WHERE id = 1");
    }

    // SQLite before 3.53 has no ALTER COLUMN ... NOT NULL: the same Auto batch (the version forced on a real file) is planned
    // and run as a rebuild, and leaves the table the in-place change leaves on the bundled SQLite.
    [Fact]
    public async Task OnSqliteBefore353TheSameBatchIsRebuiltAndLeavesWhatInPlaceLeaves()
    {
        var old = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var bundled = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var runner = old.Runner(op => op.BatchAlterTable("sites", MakeRequired), sqliteVersion: new Version(3, 52, 9));

        var step = Assert.Single((await runner.PlanAsync(MigrationDirection.Upgrade, "head")).Steps);
        await runner.UpgradeAsync();
        await bundled.UpAsync(op => op.BatchAlterTable("sites", MakeRequired));

        Assert.Equal(["sites"], step.RebuiltTables);
        Assert.Empty(step.AlteredInPlaceTables);
        Assert.Contains(old.Log, l => l.StartsWith("Rebuilt table sites: 50 rows", StringComparison.Ordinal));
        Assert.DoesNotContain(old.Log, l => l.StartsWith("Altered table sites in place", StringComparison.Ordinal));
        Assert.Contains(bundled.Log, l => l.StartsWith("Altered table sites in place", StringComparison.Ordinal));
        Assert.Equal(bundled.Snapshot(), old.Snapshot());
        Assert.Equal(["String:ok"], old.Rows("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task NullabilityWithAnyOtherChangeStillRebuilds()
    {
        var db = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        await db.UpAsync(op => op.BatchAlterTable("sites", t => t.AlterColumn("path", nullable: false).AlterColumn("note", type: SqlType.String(200))));
        Assert.Contains(db.Log, l => l.StartsWith("Rebuilt table sites: 50 rows", StringComparison.Ordinal));
        Assert.Equal(1, db.Scalar("SELECT \"notnull\" FROM pragma_table_info('sites') WHERE name = 'path'"));
    }
}
