using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// The same batch change applied by Alembic's <c>op.batch_alter_table</c> (Debian's python3-alembic, through
/// tests/scripts/alembic_batch.py) and by ours to copies of one SQLite database; SQLite's catalog must agree:
/// PRAGMA table_info, index_list, foreign_key_list and the rows. Where ours keeps more on purpose (DESC,
/// AUTOINCREMENT, unnamed CHECK), the scenario asserts our behaviour too; docs/batch.md lists the differences.
/// A change of nullability alone is made in place on SQLite 3.53+ under <see cref="BatchRecreate.Auto"/>: the scenarios
/// about what a rebuild keeps force one (<see cref="BatchRecreate.Always"/>), and "... rebuilt" runs an in-place scenario
/// again as a rebuild. Alembic always rebuilds.
/// </summary>
public sealed class AlembicComparisonTests : IDisposable
{
    private const string Foo = """
        CREATE TABLE foo (id INTEGER NOT NULL, data VARCHAR(50), x INTEGER, PRIMARY KEY (id));
        INSERT INTO foo VALUES (1, 'd1', 5), (2, '22', 6), (3, '8.5', 7);
        """;

    private const string FooBar = Foo + """
        CREATE TABLE bar (id INTEGER NOT NULL, foo_id INTEGER REFERENCES foo (id) ON DELETE CASCADE, PRIMARY KEY (id));
        INSERT INTO bar VALUES (10, 1), (11, 1), (12, 3);
        """;

    private const string Indexed = """
        CREATE TABLE ix (id INTEGER NOT NULL PRIMARY KEY, a INTEGER, b INTEGER);
        CREATE INDEX ix_a ON ix (a);
        CREATE UNIQUE INDEX ux_b ON ix (b);
        CREATE INDEX ix_ab_desc ON ix (a, b DESC);
        CREATE INDEX ix_partial ON ix (a) WHERE a > 0;
        INSERT INTO ix VALUES (1, 1, 10), (2, 2, 20), (3, 3, 30);
        """;

    private const string Auto = """
        CREATE TABLE auto (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, v TEXT DEFAULT 'x', w INTEGER DEFAULT (1+2));
        INSERT INTO auto (v) VALUES ('a'), ('b'), ('c');
        DELETE FROM auto WHERE id = 3;
        """;

    private const string Check = """
        CREATE TABLE chk (id INTEGER NOT NULL PRIMARY KEY, r INTEGER, CHECK (r < 100));
        INSERT INTO chk VALUES (1, 5), (2, 50);
        """;

    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Scenarios => new(Cases.Keys);

    private static readonly Dictionary<string, (string Setup, string[] Tables, Action<MigrationBuilder> Ours, Action<BatchDatabase>? Improved)> Cases = new()
    {
        ["b1"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AddColumn("y", SqlType.Integer)), null),
        ["b2"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AddColumn("y", SqlType.Integer, nullable: false, serverDefault: "0")), null),
        ["b7"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.DropColumn("data")), null),
        ["b8"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AlterColumn("x", newName: "y")), null),
        ["b9"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AlterColumn("data", type: SqlType.Integer)), null),
        ["b10"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AlterColumn("x", nullable: false)), null),
        ["b11"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.CreateUniqueConstraint("uq_foo_x", ["x"])), null),
        ["b17b"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AddColumn("y", SqlType.Integer, insertAfter: "id"), BatchRecreate.Always), null),
        ["c14"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.DropColumn("data").AddColumn("y", SqlType.Integer).CreateIndex("ix_foo_y", ["y"])), null),
        ["b10 rebuilt"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.AlterColumn("x", nullable: false), BatchRecreate.Always), null),
        ["c3"] = (FooBar, ["foo", "bar"], op => op.BatchAlterTable("foo", t => t.AlterColumn("x", nullable: false)), null),
        ["c3 rebuilt"] = (FooBar, ["foo", "bar"], op => op.BatchAlterTable("foo", t => t.AlterColumn("x", nullable: false), BatchRecreate.Always), null),
        ["c10"] = (Indexed, ["ix"], op => op.BatchAlterTable("ix", t => t.AlterColumn("a", nullable: false), BatchRecreate.Always),
                   ours => Assert.Equal("Int64:1", ours.Rows("SELECT \"desc\" FROM pragma_index_xinfo('ix_ab_desc') WHERE name = 'b'")[0])),
        // The highest id (3) was deleted: AUTOINCREMENT's counter must stay at 3 so that id is never handed out again.
        ["c12"] = (Auto, ["auto"], op => op.BatchAlterTable("auto", t => t.AlterColumn("v", nullable: false), BatchRecreate.Always),
                   ours =>
                   {
                       Assert.Contains("AUTOINCREMENT", ours.Rows("SELECT sql FROM sqlite_master WHERE name = 'auto'")[0]);
                       Assert.Equal(["Int64:3"], ours.Rows("SELECT seq FROM sqlite_sequence WHERE name = 'auto'"));
                   }
        ),
        ["c7b"] = (Check, ["chk"], op => op.BatchAlterTable("chk", t => t.AlterColumn("r", nullable: false), BatchRecreate.Always),
                   ours => Assert.Contains("CHECK (r < 100)", ours.Rows("SELECT sql FROM sqlite_master WHERE name = 'chk'")[0])),
        // Alembic 1.8.1 re-renders bar's existing column-level FK without its ON DELETE CASCADE; ours keeps it.
        ["fk"] = (FooBar, ["foo", "bar"], op => op.BatchAlterTable("bar", t => t.CreateForeignKey("fk_bar_foo", ["foo_id"], "foo", ["id"], onDelete: ReferentialAction.Cascade)),
                  ours => Assert.Equal(["String:CASCADE", "String:CASCADE"], ours.Rows("SELECT on_delete FROM pragma_foreign_key_list('bar')"))),
        ["ck"] = (Foo, ["foo"], op => op.BatchAlterTable("foo", t => t.CreateCheckConstraint("ck_foo_x", "x > 0").AlterColumn("data", serverDefault: "'none'")), null),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task SameCatalogAsAlembic(string scenario)
    {
        var (setup, tables, ours, improved) = Cases[scenario];
        var theirs = new BatchDatabase(_files.NewPath(), setup, foreignKeys: false);
        var mine = new BatchDatabase(_files.NewPath(), setup, foreignKeys: false);

        RunAlembic(theirs.Path, scenario.Split(' ')[0]);
        await mine.UpAsync(ours);

        foreach (var table in tables)
        {
            Assert.Equal(Catalog(theirs, table, scenario), Catalog(mine, table, scenario));
        }
        improved?.Invoke(mine);
    }

    private static List<string> Catalog(BatchDatabase db, string table, string scenario) =>
    [
        .. db.Rows($"SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"),
        .. db.Rows($"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}') ORDER BY name"),
        .. db.Rows($"SELECT \"table\", \"from\", \"to\", on_update, {(scenario == "fk" ? "''" : "on_delete")}, match FROM pragma_foreign_key_list('{table}') ORDER BY 1, 2, 3, 4, 5"),
        .. db.Rows($"SELECT * FROM \"{table}\" ORDER BY 1"),
    ];

    private static void RunAlembic(string database, string scenario)
    {
        // Debian's python3-alembic lives under the system interpreter, not a pyenv one earlier on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(RepositoryRoot(), "tests", "scripts", "alembic_batch.py");
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(scenario);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"Alembic failed on scenario {scenario} (is python3-alembic installed? test.sh installs it): {error}");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Panel.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Panel.sln not found above " + AppContext.BaseDirectory);
    }
}
