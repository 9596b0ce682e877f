using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>current, history, heads, branches and show: Alembic's exact output shapes.</summary>
public sealed class ListingCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001", "003 <- 002"));

    [Fact]
    public async Task History_lists_newest_first_with_parents_heads_and_messages()
    {
        var run = await _cli.RunAsync("history");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["002 -> 003 (head), create 003", "001 -> 002, create 002", "<base> -> 001, create 001"], run.OutLines);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task History_with_a_range_and_the_current_indicator()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "002")).ExitCode);

        var run = await _cli.RunAsync("history", "-r", "001:002", "-i");

        Assert.Equal(["001 -> 002 (current), create 002", "<base> -> 001, create 001"], run.OutLines);
        Assert.Equal(["002 -> 003 (head), create 003"], (await _cli.RunAsync("history", "-r", "current:")).OutLines[..1]);
    }

    [Fact]
    public async Task History_range_without_colon_is_Alembics_usage_error()
    {
        var run = await _cli.RunAsync("history", "-r", "001");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["FAILED: History range requires [start]:[end], [start]:, or :[end]"], run.ErrorLines);
    }

    [Fact]
    public async Task Current_prints_nothing_for_an_empty_database_then_the_head()
    {
        var missing = await _cli.RunAsync("current");
        Assert.Equal((0, ""), (missing.ExitCode, missing.Out));
        Assert.Contains("does not exist, so it is at no revision; nothing was created", missing.Error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath), "current created the database file");

        await _cli.RunAsync("stamp", "base");
        var empty = await _cli.RunAsync("current");
        Assert.Equal((0, "", ""), (empty.ExitCode, empty.Out, empty.Error));

        await _cli.RunAsync("upgrade");
        Assert.Equal(["003 (head)"], (await _cli.RunAsync("current")).OutLines);

        var verbose = await _cli.RunAsync("current", "--verbose");
        Assert.Equal(
            [$"Current revision(s) for {_cli.DatabaseUri}:", "Rev: 003 (head)", "Parent: 002", "", "    create 003", ""],
            verbose.OutLines);
    }

    [Fact]
    public async Task Current_on_tables_without_a_version_row_suggests_stamp()
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE t_001 (id INTEGER PRIMARY KEY)");

        var run = await _cli.RunAsync("current");

        // The words of the refusal an upgrade would meet, naming this app's own base revision.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            [$"Could not determine current revision: {_cli.DatabaseUri} has no version rows, but table(s) t_001 that revision 001 creates already exist; nothing was changed. " +
             "If this database was created without Panel.Migrations (e.g. by the application itself), record its revision with 'stamp 001' and run 'upgrade' again."],
            run.ErrorLines);
    }

    [Fact]
    public async Task Show_prints_the_verbose_entry()
    {
        var run = await _cli.RunAsync("show", "002");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Rev: 002\nParent: 001\n\n    create 002\n\n", run.Out);

        Assert.Equal("Rev: 001\nParent: <base>\n\n    create 001\n\n", (await _cli.RunAsync("show", "001")).Out);
    }

    [Fact]
    public async Task Show_of_an_unknown_revision_fails_with_Alembics_message()
    {
        var run = await _cli.RunAsync("show", "zzz");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(["FAILED: Can't locate revision identified by 'zzz'. Run 'history' to list the revisions and branch labels."], run.ErrorLines);
    }

    [Fact]
    public async Task Heads_branches_and_history_of_a_branched_graph()
    {
        _cli.Map = TestMigrations.Graph("a1", "b1 <- a1", "c1 <- b1", "c2 <- b1", "m1 <- c1 c2", "x1 <- b1");

        Assert.Equal(["m1 (head)", "x1 (head)"], (await _cli.RunAsync("heads")).OutLines);
        Assert.Equal(["b1 (branchpoint)", "   -> c1", "   -> c2", "   -> x1 (head)", ""], (await _cli.RunAsync("branches")).OutLines);
        Assert.Equal(
            // The order is the graph's (Alembic's topological sort, tested with the graph); this test is about the shapes.
            ["c1, c2 -> m1 (head) (mergepoint), create m1", "b1 -> c1, create c1", "b1 -> x1 (head), create x1", "b1 -> c2, create c2", "a1 -> b1 (branchpoint), create b1", "<base> -> a1, create a1"],
            (await _cli.RunAsync("history")).OutLines);
        Assert.Equal("Rev: m1 (head) (mergepoint)\nMerges: c1, c2\n\n    create m1\n\n", (await _cli.RunAsync("show", "m1")).Out);
        Assert.Equal("Rev: b1 (branchpoint)\nParent: a1\nBranches into: c1, c2, x1\n\n    create b1\n\n", (await _cli.RunAsync("show", "b1")).Out);
    }

    [Fact]
    public async Task Branch_labels_and_dependencies_appear_in_the_short_line()
    {
        _cli.Map = new MigrationMap(
        [
            new MigrationInfo("a1", null, "base one", () => new TestMigrations.CreatesTable("a1")),
            new MigrationInfo("b1", ["a1"], "net", () => new TestMigrations.CreatesTable("b1"), branchLabels: ["networking"]),
            new MigrationInfo("z1", null, "other base", () => new TestMigrations.CreatesTable("z1"), dependsOn: ["a1"], typeName: "App.Migrations.OtherBase"),
        ]);

        Assert.Equal(["b1 (networking) (head)", "z1 (head)"], (await _cli.RunAsync("heads")).OutLines);
        Assert.Contains("<base> (a1) -> z1 (head), other base", (await _cli.RunAsync("history")).OutLines);
        Assert.Equal("Rev: z1 (head)\nParent: <base>\nAlso depends on: a1\nClass: App.Migrations.OtherBase\n\n    other base\n\n", (await _cli.RunAsync("show", "z1")).Out);
    }

    [Fact]
    public async Task Colour_only_when_asked_for()
    {
        _cli.Configure = o => o with { Color = true };
        Assert.Equal("002 -> 003 \u001b[32m(head)\u001b[0m, create 003", (await _cli.RunAsync("history")).OutLines[0]);
        Assert.Equal("FAILED: Can't locate revision identified by 'x'. Run 'history' to list the revisions and branch labels.", (await _cli.RunAsync("show", "x")).ErrorLines[0][5..^4]);
    }

    public void Dispose() => _cli.Dispose();
}
