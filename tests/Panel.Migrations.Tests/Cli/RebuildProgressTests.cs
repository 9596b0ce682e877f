using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>A SQLite table rebuild shows its copy in the command line's output, with the row count and, for a large table, the percentage.</summary>
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

    [Fact]
    public async Task A_large_copy_prints_plain_lines_with_rows_and_percentages_when_not_on_a_terminal()
    {
        await _cli.RunAsync("upgrade", "001");
        CliHarness.Execute(_cli.DatabasePath, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 120000) INSERT INTO t_001 (id, name) SELECT i, 'n' FROM c");

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutLines.Where(l => l.Contains("row(s) of t_001", StringComparison.Ordinal)).ToList();
        Assert.Equal("  copying 120,000 row(s) of t_001 ...", lines[0]);
        Assert.Matches(@"^  [0-9,]+ of 120,000 row\(s\) of t_001 copied \([1-9][0-9]?%\)$", lines[1]);
        Assert.Matches(@"^  120,000 row\(s\) of t_001 copied in [0-9.]+ s \(100%\)$", lines[^1]);
        Assert.DoesNotContain('\r', run.Out);
    }

    [Fact]
    public void On_a_terminal_one_line_is_rewritten_and_ended_at_100_percent()
    {
        var output = new StringWriter { NewLine = "\n" };
        var progress = new RebuildProgressOutput(output, text => text, terminal: true);
        var elapsed = TimeSpan.FromSeconds(2);

        progress.Report(new BatchProgress("big", BatchStage.Copying, 200_000, TimeSpan.Zero, 200_000));
        progress.Report(new BatchProgress("big", BatchStage.RowsCopied, 50_000, elapsed, 200_000));
        progress.Report(new BatchProgress("big", BatchStage.RowsCopied, 150_000, elapsed, 200_000));
        progress.Report(new BatchProgress("big", BatchStage.Copied, 200_000, elapsed, 200_000));

        Assert.Equal(
            "\r  copying 200,000 row(s) of big: 0%   \r  copying 200,000 row(s) of big: 50,000 (25%)   \r  copying 200,000 row(s) of big: 150,000 (75%)   "
            + "\r  200,000 row(s) of big copied in 2.0 s (100%)   \n",
            output.ToString());
    }

    public void Dispose() => _cli.Dispose();
}
