using System;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>Bad input stops with a message that names the table, the column or constraint, and the reason; nothing changes.</summary>
public sealed class BatchBadInputTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<string> FailsAsync(Action<BatchAlterTableBuilder> alter, BatchRecreate recreate = BatchRecreate.Auto, string table = "sites", string extraSql = "")
    {
        var db = new BatchDatabase(_files.NewPath(), PanelSchema.Sql + extraSql);
        var before = db.Snapshot();
        var runner = db.Runner(op => op.BatchAlterTable(table, alter, recreate));
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());
        Assert.Equal(before, db.Snapshot());
        Assert.Empty(await runner.CurrentAsync());
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '_alembic_tmp%'"));
        Assert.Equal(1, db.Scalar("PRAGMA foreign_keys"));
        return error.Message;
    }

    [Fact]
    public async Task DroppingAMissingColumn()
    {
        var message = await FailsAsync(t => t.DropColumn("nope"));
        Assert.Contains("'sites'", message);
        Assert.Contains("no column 'nope'", message);
    }

    [Fact]
    public async Task AlteringAMissingColumn()
    {
        var message = await FailsAsync(t => t.AlterColumn("nope", nullable: false));
        Assert.Contains("no column 'nope'", message);
    }

    [Fact]
    public async Task DroppingAConstraintThatIsNotThere()
    {
        var message = await FailsAsync(t => t.DropConstraint("ck_missing", ConstraintKind.Check));
        Assert.Contains("no constraint named 'ck_missing'", message);
        Assert.Contains("ck_sites_status", message);
    }

    [Fact]
    public async Task DroppingAnIndexThatIsNotThere()
    {
        var message = await FailsAsync(t => t.DropIndex("ix_missing").AlterColumn("note", nullable: false));
        Assert.Contains("no index named 'ix_missing'", message);
    }

    [Fact]
    public async Task NewNotNullColumnWithoutDefaultOnATableWithRows()
    {
        var message = await FailsAsync(t => t.AddColumn("owner", SqlType.Text, nullable: false), BatchRecreate.Always);
        Assert.Contains("column 'owner'", message);
        Assert.Contains("has rows", message);
    }

    [Fact]
    public async Task ACheckTheRowsViolate()
    {
        var message = await FailsAsync(t => t.CreateCheckConstraint("ck_port_small", "port < 100"));
        Assert.Contains("'sites'", message);
        Assert.Contains("ck_port_small", message);
        Assert.Contains("31 row(s) break it", message);
    }

    [Fact]
    public async Task ACheckTheRowsViolateByRebuild()
    {
        var message = await FailsAsync(t => t.CreateCheckConstraint("ck_port_small", "port < 100"), BatchRecreate.Always);
        Assert.Contains("CHECK constraint failed: ck_port_small", message);
    }

    [Fact]
    public async Task NotNullOnAColumnWithNulls()
    {
        var message = await FailsAsync(t => t.AlterColumn("note", nullable: false));
        Assert.Contains("NOT NULL constraint failed: sites.note", message);
        Assert.Contains("34 row(s) hold NULL", message);
    }

    [Fact]
    public async Task NotNullOnAColumnWithNullsByRebuild()
    {
        var message = await FailsAsync(t => t.AlterColumn("note", nullable: false), BatchRecreate.Always);
        Assert.Contains("NOT NULL constraint failed: sites.note", message);
    }

    [Fact]
    public async Task AForeignKeyTheRowsViolate()
    {
        var message = await FailsAsync(t => t.CreateForeignKey("fk_domains_id_sites", ["id"], "sites", ["id"]), table: "domains");
        Assert.Contains("'domains'", message);
        Assert.Contains("row 51 of 'domains'", message);
        Assert.Contains("'sites'", message);
    }

    [Fact]
    public async Task DroppingAnIndexedColumn()
    {
        var message = await FailsAsync(t => t.DropColumn("note"));
        Assert.Contains("index 'ux_sites_note'", message);
    }

    [Fact]
    public async Task DroppingAColumnAViewUses()
    {
        // domains.host has no index or constraint that would refuse the drop first: only the view check after the rebuild can.
        var message = await FailsAsync(t => t.DropColumn("host"), table: "domains", extraSql: "CREATE VIEW v_hosts AS SELECT site_id, host FROM domains;");
        Assert.Contains("view 'v_hosts'", message);
        Assert.Contains("'domains'", message);
        Assert.Contains("no such column: host", message);
    }

    [Fact]
    public async Task NeverWithAChangeThatNeedsARebuild()
    {
        var message = await FailsAsync(t => t.AlterColumn("note", nullable: false), BatchRecreate.Never);
        Assert.Contains("BatchRecreate.Never", message);
    }

    [Fact]
    public async Task AddingAColumnThatExists()
    {
        var message = await FailsAsync(t => t.AddColumn("note", SqlType.Text), BatchRecreate.Always);
        Assert.Contains("already has a column", message);
    }
}
