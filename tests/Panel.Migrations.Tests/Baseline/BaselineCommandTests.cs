using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Sample;
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

    // #25: "baseline --output panel.db" once wrote C# over the live database; any existing file was replaced silently.
    [Fact]
    public async Task Baseline_never_writes_over_the_database_it_reads_and_replaces_a_file_only_with_force()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var database = File.ReadAllBytes(_cli.DatabasePath);
        var link = Path.Combine(_cli.Folder, "panel-link.db");
        File.CreateSymbolicLink(link, _cli.DatabasePath);
        var existing = Path.Combine(_cli.Folder, "Existing.cs");
        File.WriteAllText(existing, "// mine");

        var overDatabase = await _cli.RunAsync("baseline", "--from-database", "--output", _cli.DatabasePath, "--force");
        var overLink = await _cli.RunAsync("baseline", "--from-database", "--output", link, "--force");
        var overFile = await _cli.RunAsync("baseline", "--from-database", "--output", existing);

        Assert.Equal((ExitCodes.UsageError, ExitCodes.UsageError, ExitCodes.UsageError), (overDatabase.ExitCode, overLink.ExitCode, overFile.ExitCode));
        Assert.Contains("is the database the schema is read from", overDatabase.Error, StringComparison.Ordinal);
        Assert.Contains("is the database the schema is read from", overLink.Error, StringComparison.Ordinal);
        Assert.Contains("already exists; nothing was written", overFile.Error, StringComparison.Ordinal);
        Assert.Equal(database, File.ReadAllBytes(_cli.DatabasePath));
        Assert.Equal("// mine", File.ReadAllText(existing));

        var forced = await _cli.RunAsync("baseline", "--from-database", "--output", existing, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("op.CreateTable(\"sites\"", File.ReadAllText(existing), StringComparison.Ordinal);
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

    // #30: a folder named with a C# keyword (out/) gave "namespace out;", which does not compile.
    [Fact]
    public async Task A_folder_named_with_a_keyword_gives_a_namespace_that_compiles()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var output = Path.Combine(_cli.Folder, "out", "Baseline.cs");

        var run = await _cli.RunAsync("baseline", "--from-database", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = File.ReadAllText(output);
        Assert.Matches(@"\nnamespace (\w+\.)*@out;\n", text);
        CompiledBaseline.Load(text, typeName: null);
    }

    [Fact]
    public async Task Baseline_needs_from_database()
    {
        var run = await _cli.RunAsync("baseline");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("pass --from-database", run.Error);
    }
}
