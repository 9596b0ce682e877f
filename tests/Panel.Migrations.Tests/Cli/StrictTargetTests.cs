using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// Hostile targets (#25): text after a relative step, an option mistyped as a revision, an upgrade "down" to an older
/// revision. Each is a usage error (exit 2) decided before anything is written, and the database is left as it was.
/// </summary>
public sealed class StrictTargetTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001", "003 <- 002", "004 <- 003"));

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("upgrade", "+1e3")]
    [InlineData("upgrade", "+1.5")]
    [InlineData("upgrade", "head-1x")]
    [InlineData("downgrade", "-2abc")]
    [InlineData("downgrade", "002-1x")]
    public async Task A_relative_step_with_text_after_it_moves_nothing(string command, string target)
    {
        await _cli.RunAsync("upgrade", "003");
        var before = File.ReadAllBytes(_cli.DatabasePath);

        var run = await _cli.RunAsync(command, target);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"FAILED: '{target}' is not a valid target: a relative step is a sign and a whole number", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.Equal(["003"], _cli.VersionRows());
    }

    [Fact]
    public async Task An_upgrade_to_an_older_revision_is_refused_and_points_to_downgrade()
    {
        await _cli.RunAsync("upgrade", "003");

        var run = await _cli.RunAsync("upgrade", "001");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "FAILED: Upgrade target '001' is below the current revision (003): upgrade only moves forward, so nothing was changed. To go back to it, run 'downgrade 001'.\n",
            run.Error);
        Assert.Equal(["003"], _cli.VersionRows());
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "003")).ExitCode); // at the target itself: nothing to do, not an error
    }

    [Theory]
    [InlineData("upgrade", "--bogus")]
    [InlineData("downgrade", "--to=001")]
    [InlineData("stamp", "--force")]
    public async Task A_mistyped_option_is_not_looked_up_as_a_revision(string command, string option)
    {
        await _cli.RunAsync("upgrade", "002");

        var run = await _cli.RunAsync(command, option);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"FAILED: Unknown option '{option}' for '{command}'. Run '{command} --help' to list its options.\n", run.Error);
        Assert.Equal(["002"], _cli.VersionRows());
    }

    [Theory]
    [InlineData("current")]
    [InlineData("check")]
    [InlineData("history")]
    [InlineData("upgrade", "--plan")]
    [InlineData("upgrade", "--sql")]
    [InlineData("check", "--schema")]
    public async Task A_read_of_a_mistyped_sqlite_path_creates_no_file_or_folder(params string[] args)
    {
        var folder = Path.Combine(_cli.Folder, "no", "such");
        _cli.Environment["DATABASE_URI"] = "sqlite:///" + Path.Combine(folder, "panel.db");

        await _cli.RunAsync(args);

        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "no")), $"'{string.Join(' ', args)}' created the database's folder");
    }
}
