using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Xunit;

namespace Panel.Migrations.Tests.Drift;

/// <summary><c>check --schema</c> on SQLite files: one difference of each kind, none on a database the chain built, branches, and the errors.</summary>
public sealed class SqliteDriftTests : IDisposable
{
    private readonly CliHarness _cli = new(DriftChain.Map(DatabaseKind.Sqlite));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Every_kind_of_difference_is_reported_once_with_its_revision_and_the_file_is_not_changed()
    {
        var options = Live();
        await new MigrationRunner(DriftChain.WithDrift(DatabaseKind.Sqlite), options).UpgradeAsync("drift");
        await new MigrationRunner(_cli.Map, options).StampAsync("r2", purge: true);
        var before = Hash();

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 1, run.ToString());
        DriftChain.AssertReported(Differences(run));
        Assert.Contains("differs from the one its revisions make (at r2) in 15 place(s)", run.Error);
        Assert.Equal(before, Hash());
    }

    [Theory]
    [InlineData("r2")]
    [InlineData("r3")]
    public async Task A_database_built_by_the_chain_has_no_drift(string revision)
    {
        await new MigrationRunner(_cli.Map, Live()).UpgradeAsync(revision);

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"No schema drift: the database's schema is the one its revisions make (at {revision}).", run.Out);
    }

    [Fact]
    public async Task Branches_are_replayed_in_order_and_each_difference_names_its_own_branch()
    {
        _cli.Map = Execution.TestMigrations.Graph("001", "a <- 001", "b <- 001", "m <- a b", "c <- m");
        await new MigrationRunner(_cli.Map, Live()).UpgradeAsync("heads");
        Assert.Equal(0, (await _cli.RunAsync("check", "--schema")).ExitCode);
        await new MigrationRunner(_cli.Map, Live()).StampAsync("m", purge: true);
        CliHarness.Execute(_cli.DatabasePath, "DROP TABLE t_b");

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
        [
            "missing table t_b: revision b adds it",
            "extra table t_c: not in the schema of revision m; later revision c adds it",
        ], Differences(run));
    }

    [Fact]
    public async Task A_difference_a_later_revision_makes_names_that_revision()
    {
        _cli.Map = new MigrationMap([
            new MigrationInfo("p1", [], "create", () => new Batch.LambdaMigration(op => op.CreateTable("t", t => t
                .Column("id", SqlType.Integer, primaryKey: true).Column("port", SqlType.Integer, serverDefault: "80")), null)),
            new MigrationInfo("p2", ["p1"], "port", () => new Batch.LambdaMigration(op => op.BatchAlterTable("t", t => t.AlterColumn("port", serverDefault: "81")), null)),
        ]);
        await new MigrationRunner(_cli.Map, Live()).UpgradeAsync();
        await new MigrationRunner(_cli.Map, Live()).StampAsync("p1", purge: true);

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["different default of column t.port: the database has DEFAULT 81; revision p1 makes it DEFAULT 80; later revision p2 makes it what the database has"],
                     Differences(run));
    }

    [Fact]
    public async Task Bookkeeping_tables_under_a_configured_name_are_not_drift()
    {
        _cli.Configure = o => o with { ConfigureMigrations = m => m with { VersionTable = "panel_version" } };
        await new MigrationRunner(_cli.Map, Live() with { VersionTable = "panel_version" }).UpgradeAsync("r3");

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("panel_version_panel_log", CliHarness.Query(_cli.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'table'"));
    }

    [Fact]
    public async Task An_unversioned_database_is_an_error_that_names_stamp()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE sites (id INTEGER PRIMARY KEY)");
        var before = Hash();

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode is not (0 or 1), run.ToString());
        Assert.Contains("no revision in alembic_version", run.Error);
        Assert.Contains("'stamp <revision>'", run.Error);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public async Task A_revision_the_code_does_not_know_is_an_error()
    {
        await new MigrationRunner(DriftChain.WithDrift(DatabaseKind.Sqlite), Live()).UpgradeAsync("drift");

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode is not (0 or 1), run.ToString());
        Assert.Contains("Can't locate revision identified by 'drift'", run.Error);
    }

    [Fact]
    public async Task A_missing_database_file_is_an_error_and_is_not_created()
    {
        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode is not (0 or 1), run.ToString());
        Assert.Contains("does not exist", run.Error);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Fact]
    public async Task An_unreachable_server_is_an_error_that_does_not_show_the_password()
    {
        _cli.Environment["DATABASE_URI"] = "postgresql://panel:s3cret-pw@127.0.0.1:1/panel";

        var run = await _cli.RunAsync("check", "--schema");

        Assert.True(run.ExitCode is not (0 or 1), run.ToString());
        Assert.StartsWith("FAILED: ", run.Error);
        Assert.DoesNotContain("s3cret-pw", run.Out + run.Error);
    }

    internal static string[] Differences(CliRun run) =>
        run.OutLines.Where(l => l.StartsWith("missing ", StringComparison.Ordinal) || l.StartsWith("extra ", StringComparison.Ordinal) || l.StartsWith("different ", StringComparison.Ordinal)).ToArray();

    private MigrationOptions Live()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        return MigrationOptions.ForSqlite(_cli.DatabasePath);
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_cli.DatabasePath)));
}
