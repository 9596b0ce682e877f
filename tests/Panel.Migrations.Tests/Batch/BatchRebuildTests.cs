using System;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// SQLite batch rebuilds on real files: each operation on tables with data, indexes, keys, triggers and views;
/// rows identical before and after; Down restores the original schema and rows exactly.
/// </summary>
public sealed class BatchRebuildTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    private BatchDatabase NewDatabase(string sql = PanelSchema.Sql, bool foreignKeys = true) => new(_files.NewPath(), sql, foreignKeys);

    public void Dispose() => _files.Dispose();

    // Up, check, Down, and the database must be exactly what it was.
    private static async Task<string> RoundTripAsync(BatchDatabase db, Action<MigrationBuilder> up, Action<MigrationBuilder> down)
    {
        var before = db.Snapshot();
        var runner = db.Runner(up, down);
        await runner.UpgradeAsync();
        var after = db.Snapshot();
        await runner.DowngradeAsync("base");
        Assert.Equal(before, db.Snapshot());
        return after;
    }

    [Fact]
    public async Task RebuildingAParentWithForeignKeysOnKeepsEveryChildRow()
    {
        var db = NewDatabase();
        var children = db.Scalar("SELECT COUNT(*) FROM domains");

        var after = await RoundTripAsync(db,
            op => op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: false), BatchRecreate.Always),
            op => op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: true), BatchRecreate.Always));

        Assert.Contains("port integer default ( 80 ) check ( port > 0 ) not null", after);
        Assert.Equal(60, children);
        Assert.Contains(db.Log, l => l.StartsWith("Rebuilt table sites: 50 rows", StringComparison.Ordinal));
        // PRAGMA foreign_keys is back on for the connection after the step.
        Assert.Equal(60, db.Scalar("SELECT COUNT(*) FROM domains"));
    }

    [Fact]
    public async Task KeepsAutoincrementCounterIndexesTriggerAndViews()
    {
        var db = NewDatabase();
        await db.UpAsync(op => op.BatchAlterTable("sites", t => t.AlterColumn("note", type: SqlType.String(200)), BatchRecreate.Always));

        var sql = BatchDatabase.Normalise(db.Rows("SELECT sql FROM sqlite_master WHERE name = 'sites'")[0]);
        Assert.Contains("autoincrement", sql);
        Assert.Contains("check ( port > 0 )", sql);
        Assert.Contains("collate nocase", sql);
        Assert.Equal(["String:ix_sites_port_desc|Int64:1"], db.Rows("SELECT name, \"desc\" FROM pragma_index_xinfo('ix_sites_port_desc') WHERE seqno = 0").Select(r => "String:ix_sites_port_desc|" + r.Split('|')[1]));
        Assert.Equal(4, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sites' AND sql IS NOT NULL") + 1);
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'tr_sites_insert'"));
        Assert.Equal(60, db.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'sites'"));

        using var connection = db.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO sites (name, status) VALUES ('new', 'on'); SELECT last_insert_rowid();";
        Assert.Equal(61L, insert.ExecuteScalar());
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM audit WHERE what = 'added new'"));
        Assert.Equal(51, db.Scalar("SELECT COUNT(*) FROM v_site_names"));
    }

    [Fact]
    public async Task AddColumnPlacedAfterAnotherAndBack()
    {
        var db = NewDatabase();
        var after = await RoundTripAsync(db,
            op => op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0", insertAfter: "name"), BatchRecreate.Always),
            op => op.BatchAlterTable("sites", t => t.DropColumn("ssl")));

        Assert.Contains("2|ssl|BOOLEAN|1|0|0|0", after.Replace("Int64:", "").Replace("String:", ""));
    }

    [Fact]
    public async Task RenameAndRetypeAColumnThatIndexesAndViewsUse()
    {
        var db = NewDatabase();
        var after = await RoundTripAsync(db,
            op => op.BatchAlterTable("sites", t => t.AlterColumn("note", type: SqlType.String(200), newName: "remark")),
            op => op.BatchAlterTable("sites", t => t.AlterColumn("remark", type: SqlType.Text, newName: "note")));

        Assert.Contains("create unique index ux_sites_note on sites ( remark ) where remark is not null", after);
        Assert.Contains("remark varchar ( 200 )", after);
    }

    [Fact]
    public async Task SwapTwoColumnNamesAndReuseAFreedName()
    {
        var db = NewDatabase();
        await RoundTripAsync(db,
            op => op.BatchAlterTable("logs", t => t
                .AlterColumn("msg", newName: "tmp_msg")
                .AlterColumn("level", newName: "msg", nullable: true)
                .AlterColumn("tmp_msg", newName: "level")
                .AddColumn("tmp_msg", SqlType.Text)),
            op => op.BatchAlterTable("logs", t => t
                .DropColumn("tmp_msg")
                .AlterColumn("msg", newName: "x")
                .AlterColumn("level", newName: "msg")
                .AlterColumn("x", newName: "level")));

        Assert.Equal(["String:m1|Int64:1"], db.Rows("SELECT msg, level FROM logs WHERE rowid = 1"));
    }

    [Fact]
    public async Task AddAndDropNamedUniqueCheckAndForeignKeyConstraints()
    {
        var db = NewDatabase();
        var after = await RoundTripAsync(db,
            op => op.BatchAlterTable("domains", t => t
                .CreateUniqueConstraint("uq_domains_host", ["host"])
                .CreateCheckConstraint("ck_domains_host", "length(host) > 3")
                .CreateForeignKey("fk_domains_site_id_tags", ["site_id"], "sites", ["id"], onDelete: ReferentialAction.Cascade)),
            op => op.BatchAlterTable("domains", t => t
                .DropConstraint("fk_domains_site_id_tags", ConstraintKind.ForeignKey)
                .DropConstraint("ck_domains_host", ConstraintKind.Check)
                .DropConstraint("uq_domains_host", ConstraintKind.Unique)));

        Assert.Contains("constraint uq_domains_host unique ( host )", after);
        Assert.Contains("constraint ck_domains_host check ( length ( host ) > 3 )", after);
    }

    [Fact]
    public async Task CreateAndDropIndexesInsideARebuild()
    {
        var db = NewDatabase();
        var after = await RoundTripAsync(db,
            op => op.BatchAlterTable("sites", t => t.DropIndex("ux_sites_note").CreateIndex("ix_sites_status", ["status", "(lower(name))"], where: "status = 'on'")
                                                    .AlterColumn("status", serverDefault: "'off'")),
            op => op.BatchAlterTable("sites", t => t.DropIndex("ix_sites_status").AlterColumn("status", dropServerDefault: true)
                                                    .CreateIndex("ux_sites_note", ["note"], unique: true, where: "note IS NOT NULL")));
        Assert.DoesNotContain("ux_sites_note", after);
        Assert.Contains("where status = 'on'", after);
    }

    [Fact]
    public async Task CompositePrimaryKeyTableAlwaysRebuildKeepsRows()
    {
        var db = NewDatabase();
        await RoundTripAsync(db,
            op => op.BatchAlterTable("site_tags", t => t.AlterColumn("weight", nullable: false, serverDefault: "1.0"), BatchRecreate.Always),
            op => op.BatchAlterTable("site_tags", t => t.AlterColumn("weight", nullable: true), BatchRecreate.Always));
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM pragma_table_info('site_tags') WHERE pk > 0"));
    }

    [Fact]
    public async Task RowidTableWithoutAliasKeepsItsRowids()
    {
        var db = NewDatabase();
        var rowids = db.Rows("SELECT rowid, msg FROM logs ORDER BY rowid");
        await db.UpAsync(op => op.BatchAlterTable("logs", t => t.AlterColumn("level", type: SqlType.Text)));
        Assert.Equal(rowids, db.Rows("SELECT rowid, msg FROM logs ORDER BY rowid"));
        // The affinity changed from INTEGER to TEXT: the copy CASTs, as Alembic does.
        Assert.Equal("text", db.Rows("SELECT typeof(level) FROM logs LIMIT 1")[0].Split(':')[1]);
    }

    [Fact]
    public async Task ForeignKeysStayOnAfterTheStep()
    {
        var db = NewDatabase();
        var runner = db.Runner(op => op.BatchAlterTable("sites", t => t.DropIndex("ux_sites_note").DropColumn("note")), null);
        await runner.UpgradeAsync();
        using var connection = db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, command.ExecuteScalar());
        Assert.Equal(60, db.Scalar("SELECT COUNT(*) FROM domains"));
    }

    [Fact]
    public async Task ReportsProgressWithRowCounts()
    {
        var db = NewDatabase();
        await db.UpAsync(op => op.BatchAlterTable("sites", t => t.AlterColumn("path", nullable: false), BatchRecreate.Always));
        Assert.Equal([BatchStage.Copying, BatchStage.Copied, BatchStage.Finished], db.Progress.Select(p => p.Stage));
        Assert.All(db.Progress, p => Assert.Equal(("sites", 50L), (p.Table, p.Rows)));
    }

    [Fact]
    public async Task DropsALeftoverTempTableOfAnInterruptedRunFirst()
    {
        var db = NewDatabase(PanelSchema.Sql + "CREATE TABLE _alembic_tmp_sites (id INTEGER);");
        await db.UpAsync(op => op.BatchAlterTable("sites", t => t.AlterColumn("path", nullable: false), BatchRecreate.Always));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = '_alembic_tmp_sites'"));
        Assert.Contains(db.Log, l => l.Contains("left over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlainAddColumnInAutoModeStaysInPlace()
    {
        var db = NewDatabase();
        await db.UpAsync(op => op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")));
        Assert.Empty(db.Progress);
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM pragma_table_info('sites') WHERE name = 'ssl'"));
    }

    [Fact]
    public async Task GeneratedColumnsAndWithoutRowidTablesSurvive()
    {
        var db = NewDatabase("""
            CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, n INTEGER GENERATED ALWAYS AS (length(v)) VIRTUAL) WITHOUT ROWID;
            INSERT INTO kv (k, v) VALUES ('a', 'xyz'), ('b', NULL);
            """);
        await RoundTripAsync(db,
            op => op.BatchAlterTable("kv", t => t.AddColumn("w", SqlType.Integer, insertBefore: "n")),
            op => op.BatchAlterTable("kv", t => t.DropColumn("w")));
    }

    [Fact]
    public void OfflineScriptRefusesARebuild()
    {
        var db = NewDatabase();
        var error = Assert.Throws<MigrationException>(() => db.Runner(op => op.BatchAlterTable("sites", t => t.DropColumn("note"))).RenderScript(Panel.Migrations.Graph.MigrationDirection.Upgrade, "head"));
        Assert.Contains("--sql", error.Message);
        Assert.Contains("'sites'", error.Message);
    }
}
