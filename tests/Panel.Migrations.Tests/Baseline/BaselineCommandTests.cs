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
    public async Task Baseline_needs_from_database()
    {
        var run = await _cli.RunAsync("baseline");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("pass --from-database", run.Error);
    }
}
