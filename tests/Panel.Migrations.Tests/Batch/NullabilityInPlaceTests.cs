using System;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// A batch that only changes nullability is altered in place on SQLite 3.53 and later (the bundled one): no row or
/// index is copied, and the table ends as a rebuild would leave it.
/// </summary>
public sealed class NullabilityInPlaceTests : IDisposable
{
    private const string RootPages = "SELECT group_concat(name || '=' || rootpage, ',') FROM (SELECT name, rootpage FROM sqlite_master WHERE tbl_name = 'sites' ORDER BY name)";

    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void MakeRequired(BatchAlterTableBuilder t) => t.AlterColumn("path", nullable: false).AlterColumn("port", nullable: false);

    private static void MakeOptional(BatchAlterTableBuilder t) => t.AlterColumn("path", nullable: true).AlterColumn("port", nullable: true);

    [Fact]
    public async Task NullabilityChangesAlterInPlaceAndLeaveWhatARebuildLeaves()
    {
        var inPlace = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var rebuilt = new BatchDatabase(_files.NewPath(), PanelSchema.Sql);
        var before = inPlace.Snapshot();
        var pages = inPlace.Rows(RootPages);
        var runner = inPlace.Runner(op => op.BatchAlterTable("sites", MakeRequired), op => op.BatchAlterTable("sites", MakeOptional));

        await runner.UpgradeAsync();
        await rebuilt.UpAsync(op => op.BatchAlterTable("sites", MakeRequired, BatchRecreate.Always));

        Assert.Equal(rebuilt.Snapshot(), inPlace.Snapshot());
        Assert.Contains("not null", BatchDatabase.Normalise(inPlace.Rows("SELECT sql FROM sqlite_master WHERE name = 'sites'")[0]));
        Assert.Equal(pages, inPlace.Rows(RootPages));
        Assert.Contains(inPlace.Log, l => l.StartsWith("Altered table sites in place", StringComparison.Ordinal));
        Assert.DoesNotContain(inPlace.Log, l => l.StartsWith("Rebuilt", StringComparison.Ordinal));
        Assert.Empty(inPlace.Progress);
        Assert.Equal(["ok"], inPlace.Rows("PRAGMA integrity_check").ConvertAll(r => r.Split(':')[1]));

        await runner.DowngradeAsync("base");
        Assert.Equal(before, inPlace.Snapshot());
        Assert.Equal(pages, inPlace.Rows(RootPages));
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
