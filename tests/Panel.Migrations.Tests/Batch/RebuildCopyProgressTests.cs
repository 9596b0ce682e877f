using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Batch;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>A large table's rebuild reports its copy in chunks: rows rising, a percentage, a final 100%, the rows all there.</summary>
public sealed class RebuildCopyProgressTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Fill(string table, long rows) =>
        $"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {rows}) INSERT INTO {table} (name, n) SELECT 'row ' || i, i FROM c;";

    private async Task<(BatchDatabase Db, List<BatchProgress> Reported, List<BatchProgress> Events)> RebuildAsync(string setupSql, string table)
    {
        var db = new BatchDatabase(_files.NewPath(), setupSql);
        var reported = new List<BatchProgress>();
        var events = new List<BatchProgress>();
        var map = new MigrationMap([new MigrationInfo("b1", [], "batch", () => new LambdaMigration(op => op.BatchAlterTable(table, t => t.AlterColumn("name", nullable: false), BatchRecreate.Always), null))]);
        var options = new MigrationOptions(DatabaseKind.Sqlite, db.ConnectionString)
        {
            BatchProgress = reported.Add,
            Events = e => { if (e is TableRebuildProgress p) events.Add(p.Progress); },
        };
        await new MigrationRunner(map, options).UpgradeAsync();
        return (db, reported, events);
    }

    [Fact]
    public async Task A_large_copy_reports_rising_counts_in_order_and_ends_at_100_percent()
    {
        // 260,000 rows less a gap of 30,000 rowids: chunks are rowid ranges, so they are uneven, and the counts must still add up.
        var setup = "CREATE TABLE big (name TEXT, n INTEGER);" + Fill("big", 260_000) + "DELETE FROM big WHERE rowid BETWEEN 100001 AND 130000;";
        var before = new BatchDatabase(_files.NewPath(), setup).Rows("SELECT COUNT(*), SUM(rowid), SUM(n), MIN(name) FROM big");

        var (db, reported, events) = await RebuildAsync(setup, "big");

        Assert.Equal(reported, events);
        Assert.Equal(BatchStage.Copying, reported[0].Stage);
        Assert.Equal((0, 230_000L), (reported[0].Percent, reported[0].TotalRows));
        var chunks = reported.Where(p => p.Stage == BatchStage.RowsCopied).ToList();
        Assert.Equal(reported.Skip(1).Take(chunks.Count), chunks);
        Assert.True(chunks.Count >= 2, $"{chunks.Count} chunk report(s)");
        Assert.All(chunks, p => Assert.Equal(230_000L, p.TotalRows));
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.True(pair.First.Rows < pair.Second.Rows && pair.First.Percent <= pair.Second.Percent, $"{pair.First} then {pair.Second}"));
        Assert.InRange(chunks[^1].Rows, 1, 229_999);
        Assert.InRange(chunks[^1].Percent, 1, 99);
        var copied = reported[chunks.Count + 1];
        Assert.Equal((BatchStage.Copied, 230_000L, 100), (copied.Stage, copied.Rows, copied.Percent));
        Assert.Equal(BatchStage.Finished, reported[^1].Stage);
        Assert.Equal(before, db.Rows("SELECT COUNT(*), SUM(rowid), SUM(n), MIN(name) FROM big"));
    }

    [Fact]
    public async Task Sparse_rowids_make_no_more_statements_and_lose_no_row()
    {
        var setup = "CREATE TABLE sparse (name TEXT, n INTEGER);" + Fill("sparse", 120_000)
            + "INSERT INTO sparse (rowid, name, n) VALUES (-9000000000000000000, 'low', -1), (9000000000000000000, 'high', -2);";
        var before = new BatchDatabase(_files.NewPath(), setup).Rows("SELECT COUNT(*), SUM(n), MIN(rowid), MAX(rowid) FROM sparse");

        var (db, reported, _) = await RebuildAsync(setup, "sparse");

        Assert.InRange(reported.Count(p => p.Stage == BatchStage.RowsCopied), 1, (int)RebuildCopy.MaximumChunks - 1);
        Assert.Equal(120_002L, reported.Single(p => p.Stage == BatchStage.Copied).Rows);
        Assert.Equal(before, db.Rows("SELECT COUNT(*), SUM(n), MIN(rowid), MAX(rowid) FROM sparse"));
    }

    [Fact]
    public async Task A_column_named_rowid_does_not_steer_the_chunks()
    {
        // The column "rowid" holds text; ranges over it would copy nothing. The chunks must go by _rowid_, the real one.
        var setup = "CREATE TABLE shadow (rowid TEXT, name TEXT, n INTEGER);" + Fill("shadow", 110_000) + "UPDATE shadow SET rowid = 'x' || n;";
        var before = new BatchDatabase(_files.NewPath(), setup).Rows("SELECT COUNT(*), SUM(n), MIN(rowid) FROM shadow");

        var (db, reported, _) = await RebuildAsync(setup, "shadow");

        Assert.Contains(reported, p => p.Stage == BatchStage.RowsCopied);
        Assert.Equal(before, db.Rows("SELECT COUNT(*), SUM(n), MIN(rowid) FROM shadow"));
    }
}
