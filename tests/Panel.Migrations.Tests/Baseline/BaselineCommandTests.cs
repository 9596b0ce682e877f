using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Sample;
using Panel.Migrations.Cli;
using Xunit;

namespace Panel.Migrations.Tests.Baseline;

/// <summary>The <c>baseline --from-database</c> command on the default SQLite database.</summary>
public sealed class BaselineCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001"));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Baseline_writes_the_aaPanel_schema_as_a_migration_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, LegacySchema.Sql);
        var output = Path.Combine(_cli.Folder, "out", "Baseline.cs");

        var run = await _cli.RunAsync("baseline", "--from-database", "--output", output, "-m", "aaPanel baseline");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"({LegacySchema.TableNames.Count} tables, {LegacySchema.Indexes.Count} indexes, {LegacySchema.Triggers.Count} triggers, 0 views)", run.Out);
        var text = File.ReadAllText(output);
        Assert.Contains("[Migration(\"aaaa00000001\", Message = \"aaPanel baseline\")]", text);
        Assert.Contains("public sealed class AapanelBaseline : Migration", text);
        Assert.Contains("op.CreateTable(\"backup\", t => t\n            .Column(\"id\", SqlType.Integer, primaryKey: true, autoIncrement: true)", text);
        Assert.Contains("op.DropTable(\"backup\");", text);
    }

    [Fact]
    public async Task Baseline_takes_the_revision_id_given()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var output = Path.Combine(_cli.Folder, "out", "Baseline.cs");

        var run = await _cli.RunAsync("baseline", "--from-database", "--output", output, "--rev-id", "base_0001");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[Migration(\"base_0001\", Message = ", File.ReadAllText(output));
    }

    // MySQL/MariaDB is refused before any connection: against a port where no server listens the exit code is still 2
    // (a usage error), not 3 (a database that cannot be reached); the password is not printed.
    [Theory]
    [InlineData("baseline", "--from-database")]
    [InlineData("check", "--schema")]
    public async Task Reading_a_MySQL_schema_is_refused_before_connecting(string command, string option)
    {
        var run = await _cli.RunAsync(command, option, "--database-uri", "mysql://panel:Pw-9c1e@127.0.0.1:1/panel");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        var failed = Assert.Single(run.ErrorLines);
        Assert.StartsWith("FAILED: ", failed);
        Assert.Contains("SQLite and PostgreSQL", failed);
        Assert.Contains("MySql", failed);
        Assert.DoesNotContain("Pw-9c1e", run.Out + run.Error);
        Assert.Empty(Directory.EnumerateFiles(_cli.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Baseline_needs_from_database()
    {
        var run = await _cli.RunAsync("baseline");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("pass --from-database", run.Error);
    }
}
