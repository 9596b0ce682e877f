using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>A process killed (SIGKILL) in the middle of a large copy leaves the table and its rows intact, and the next upgrade completes.</summary>
public sealed class KillTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    /// <summary>One revision that rebuilds <c>big</c> (email becomes NOT NULL; forced, since SQLite 3.53 could do that in place).</summary>
    internal static readonly MigrationMap Rebuild = new([
        new MigrationInfo("k1", [], "email not null", () => new LambdaMigration(
            op => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: false), BatchRecreate.Always),
            op => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: true), BatchRecreate.Always))),
    ]);

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task SigkillMidCopyLeavesTheTableIntactAndTheNextUpgradeCompletes()
    {
        var db = new BatchDatabase(_files.NewPath(), """
            CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, pad TEXT);
            CREATE INDEX ix_big_name ON big (name);
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 400000)
            INSERT INTO big SELECT i, 'name_' || (i * 7919 % 1000003), 'user' || i || '@example.com', hex(randomblob(60)) FROM c;
            """, foreignKeys: false);
        // Not the full snapshot: 400,000 rows as strings would make the test slow, a digest of every value does as well.
        const string Digest = "SELECT COUNT(*) || ':' || SUM(id) || ':' || SUM(length(name) + length(email)) || ':' || SUM(unicode(substr(pad, 7, 1))) FROM big";
        var rowsBefore = db.Rows(Digest);
        var schemaBefore = db.Rows("SELECT sql FROM sqlite_master WHERE tbl_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY name");

        using var child = Process.Start(ChildProcess.StartInfo("batch-child", db.Path))!;
        var marker = db.Path + ".copying";
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(1);
        // The child marks the copy from inside the rebuild's write transaction, whose rollback journal exists by then (a run
        // keeps the file, header zeroed, between its transactions): that is when the child dies.
        var journalDuringCopy = File.Exists(marker) && File.Exists(db.Path + "-journal");
        var exitedBefore = child.HasExited;
        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync();
        Assert.True(journalDuringCopy, $"the child was not in the middle of its write transaction when it was killed (exited by itself: {exitedBefore}, " +
                                       $"after {clock.ElapsedMilliseconds} ms; it said: {await child.StandardOutput.ReadToEndAsync()} {await child.StandardError.ReadToEndAsync()})");
        Assert.NotEqual(0, child.ExitCode);

        // Opening the file rolls back the hot journal: the original table, rows and schema are all there.
        Assert.Equal(rowsBefore, db.Rows(Digest));
        Assert.Equal(schemaBefore, db.Rows("SELECT sql FROM sqlite_master WHERE tbl_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY name"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '_alembic_tmp%'"));

        var result = await new MigrationRunner(Rebuild, MigrationOptions.ForSqlite(db.Path)).UpgradeAsync();
        Assert.Equal(["k1"], result.HeadsAfter);
        Assert.Equal(400000, db.Scalar("SELECT COUNT(*) FROM big"));
        Assert.Equal(1, db.Scalar("SELECT \"notnull\" FROM pragma_table_info('big') WHERE name = 'email'"));
    }
}
