using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>The command line builds the map only when a command needs it, and never reads an argument as a response file.</summary>
public sealed class LazyMapAndArgumentsTests : System.IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_upgrade_of_a_database_already_at_head_never_builds_the_map()
    {
        var map = TestMigrations.Graph("001", "002 <- 001");
        var built = 0;
        MigrationMap Build()
        {
            built++;
            return map;
        }

        var path = _files.NewPath();
        var options = new MigrationCommandLineOptions
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            GetEnvironmentVariable = name => name == "DATABASE_URI" ? "sqlite:///" + path : null,
            BaseDirectory = _files.Folder,
            AutomaticBackups = BackupPolicy.Never,
        };

        Assert.Equal(0, await MigrationCommandLine.RunAsync(["upgrade"], Build, map.Graph.Heads, options));
        Assert.Equal(1, built);
        Assert.Equal(0, await MigrationCommandLine.RunAsync(["upgrade"], Build, map.Graph.Heads, options));
        Assert.Equal(1, built);
    }

    [Fact]
    public async Task An_argument_that_begins_with_an_at_sign_is_not_a_file_to_read()
    {
        var secret = Path.Combine(_files.Folder, "panel.ini");
        File.WriteAllText(secret, "TOPSECRET\n");
        using var cli = new CliHarness(TestMigrations.Graph("001"));

        var run = await cli.RunAsync("show", "@" + secret);

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("TOPSECRET", run.Out + run.Error, System.StringComparison.Ordinal);
        Assert.StartsWith($"FAILED: '@{secret}' is not a valid target: a branch label or revision must come before '@'", run.Error, System.StringComparison.Ordinal);
    }
}
