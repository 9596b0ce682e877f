using System;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>A SQLite table rebuild shows its copy in the command line's output, with the row count.</summary>
public sealed class RebuildProgressTests : IDisposable
{
    private sealed class DropsName : Migration
    {
        public override void Up(MigrationBuilder op) => op.BatchAlterTable("t_001", t => t.DropColumn("name"));

        public override void Down(MigrationBuilder op) => op.BatchAlterTable("t_001", t => t.AddColumn("name", SqlType.String(50), nullable: false, serverDefault: "''"));
    }

    private readonly CliHarness _cli = new(new MigrationMap([.. TestMigrations.Graph("001").Migrations, new MigrationInfo("002", ["001"], "drop name", () => new DropsName())]));

    [Fact]
    public async Task The_copy_of_a_rebuilt_table_is_reported_with_its_rows()
    {
        await _cli.RunAsync("upgrade", "001");
        CliHarness.Execute(_cli.DatabasePath, "INSERT INTO t_001 (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  copying 3 row(s) of t_001 ...", run.OutLines);
        Assert.Contains(run.OutLines, line => line.StartsWith("  3 row(s) of t_001 copied in ", StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3"], CliHarness.Query(_cli.DatabasePath, "SELECT id FROM t_001 ORDER BY id"));
    }

    public void Dispose() => _cli.Dispose();
}
