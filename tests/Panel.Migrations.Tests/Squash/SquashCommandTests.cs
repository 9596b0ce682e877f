using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Baseline;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Squash;

/// <summary>
/// <c>squash base:END</c> on SQLite: the written class (schema by the baseline writer, seed rows and raw DML carried in
/// order) compiles, and <c>squash --verify</c> proves it builds what the chain builds; a range it cannot carry is refused
/// with nothing written.
/// </summary>
public sealed class SquashCommandTests : IDisposable
{
    private static MigrationInfo Info(string revision, string? parent, Func<Migration> create) =>
        new(revision, parent is null ? [] : [parent], "rev " + revision, create);

    // a creates sites; b adds a table with an index and seeds a row; c changes that row; d follows.
    private static readonly MigrationInfo[] Chain =
    [
        Info("a", null, () => new TestMigrations.RunsSql("CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '')")),
        Info("b", "a", () => new Seeds()),
        Info("c", "b", () => new TestMigrations.RunsSql("UPDATE sites SET name = 'renamed' WHERE id = 1")),
        Info("d", "c", () => new TestMigrations.CreatesTable("d")),
    ];

    private readonly CliHarness _cli = new(new MigrationMap(Chain));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Squash_writes_a_class_that_replaces_the_range_and_verifies_equal_to_the_chain()
    {
        var output = Path.Combine(_cli.Folder, "Squashes", "Squash.cs");

        var run = await _cli.RunAsync("squash", "base:c", "-m", "Squash a to c", "--rev-id", "s01", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(_cli.DatabasePath)); // the configured database is not touched
        var text = File.ReadAllText(output);
        Assert.Contains("[Migration(\"s01\", Message = \"Squash a to c\", Replaces = new[] { \"a\", \"b\", \"c\" })]", text);
        Assert.Contains("op.CreateIndex(\"ix_hosts_name\", \"hosts\", [\"name\"]);", text);
        // The data changes, in order, after the schema; values as parameters.
        var seed = text.IndexOf("op.InsertRows(\"sites\", [\"id\", \"name\"], [new object?[] { 1, \"first\" }]);", StringComparison.Ordinal);
        var update = text.IndexOf("op.Execute(\"UPDATE sites SET name = 'renamed' WHERE id = 1\");", StringComparison.Ordinal);
        Assert.True(seed > 0 && update > seed, text);

        _cli.Map = new MigrationMap(Chain.Append(new MigrationInfo("s01", [], "Squash a to c", CompiledBaseline.Load(text, typeName: null), replaces: ["a", "b", "c"])));
        var verified = await _cli.RunAsync("squash", "--verify", "s01");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Squash s01 builds the same Sqlite schema and version table as a, b, c.", verified.Out);
    }

    [Fact]
    public async Task A_squash_that_builds_another_schema_fails_verification_naming_what_differs()
    {
        // Written by hand, forgetting the index b makes.
        _cli.Map = new MigrationMap(Chain.Append(new MigrationInfo("s01", [], "squash", () => new TestMigrations.RunsSql(
            "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '')", "CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT)"),
            replaces: ["a", "b", "c"])));

        var run = await _cli.RunAsync("squash", "--verify", "s01");

        Assert.Equal(ExitCodes.CheckFailed, run.ExitCode);
        Assert.Contains("missing index ix_hosts_name", run.Out);
        Assert.Contains("the chain makes it, squash s01 does not", run.Out);
        Assert.Contains("Squash s01 differs from the chain it replaces in 1 place(s)", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_range_that_changes_a_table_made_before_it_is_refused_and_nothing_is_written()
    {
        _cli.Map = new MigrationMap(Chain.Append(Info("e", "d", () => new TestMigrations.RunsSql("ALTER TABLE t_d ADD COLUMN extra INTEGER"))));
        var output = Path.Combine(_cli.Folder, "Squashes", "Squash.cs");

        var run = await _cli.RunAsync("squash", "e:e", "-m", "Squash e", "--output", output);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Contains("squash cannot carry 1 change(s) of e..e; nothing was written", run.Error);
        Assert.Contains("the range changes table t_d, which existed before it", run.Error);
    }

    [Fact]
    public async Task A_range_through_a_branch_point_is_refused()
    {
        _cli.Map = new MigrationMap(Chain.Append(Info("x", "b", () => new TestMigrations.CreatesTable("x"))));

        var run = await _cli.RunAsync("squash", "base:c", "-m", "Squash");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("Revision b is a branch point (c, x): a squash replaces a linear range; end it at b.", run.Error);
    }

    [Fact]
    public async Task At_the_end_of_a_deleted_range_current_history_and_check_agree()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "c")).ExitCode);
        _cli.Map = new MigrationMap([Chain[3], new MigrationInfo("s01", [], "Squash a to c", () => new TestMigrations.CreatesTable("s"), replaces: ["a", "b", "c"])]);

        var current = await _cli.RunAsync("current");
        var history = await _cli.RunAsync("history");
        var check = await _cli.RunAsync("check");

        Assert.Equal("c", Assert.Single(current.OutLines).Split(' ')[0]);
        Assert.Contains(history.OutLines, l => l.StartsWith("<base> -> c, Squash a to c", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.CheckFailed, check.ExitCode);
        Assert.Contains("It is at c; 1 migration(s) to apply: d.", check.Error);
    }

    private sealed class Seeds : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.Execute("CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT)");
            op.CreateIndex("ix_hosts_name", "hosts", ["name"]);
            op.InsertRows("sites", ["id", "name"], [new object?[] { 1, "first" }]);
        }
    }
}
