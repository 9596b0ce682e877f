using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// #25 item 2: a version table with a NULL or empty row, or a table of that name that is not Alembic's, is refused with
/// what is wrong and the repair, for a read and for an upgrade, and the database is left byte for byte as it was.
/// (Overlapping rows: <c>Pipeline/PreflightRefusalTests</c>.)
/// </summary>
public sealed class LyingVersionTableTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("CREATE TABLE alembic_version (version_num VARCHAR(32)); INSERT INTO alembic_version VALUES (NULL);", "holds a row whose version_num is empty or NULL")]
    [InlineData("CREATE TABLE alembic_version (version_num VARCHAR(32)); INSERT INTO alembic_version VALUES ('');", "holds a row whose version_num is empty or NULL")]
    [InlineData("CREATE TABLE alembic_version (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO alembic_version (name) VALUES ('x');", "exists but is not an Alembic version table")]
    public async Task Is_refused_with_the_repair_and_nothing_changes(string setup, string problem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, setup);
        var before = File.ReadAllBytes(_cli.DatabasePath);

        foreach (var command in new[] { "current", "upgrade" })
        {
            var run = await _cli.RunAsync(command);

            Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
            Assert.Contains(problem, run.Error, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_cli.DatabasePath)!, "backups")), "a refused upgrade took a backup");
    }
}
