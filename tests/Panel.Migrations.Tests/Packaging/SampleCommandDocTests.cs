using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Packaging;

/// <summary>
/// Runs the README's command-line section: each form its <c>dotnet run --project samples/AaPanel -- ...</c> lines show
/// (split at the <c>|</c> between commands) runs in-process on the sample's map against a throw-away SQLite database,
/// as the commands listed in <see cref="Decisions"/>, each expected to exit 0; a form that cannot run here is listed with
/// the reason. A form the README gains or loses without a decision here fails the test. The guide's command block (the
/// same in English and Arabic) runs line by line in its order, each line exiting 0 unless <see cref="GuideExceptions"/> says
/// otherwise and why.
/// </summary>
public sealed partial class SampleCommandDocTests(ITestOutputHelper output) : IDisposable
{
    private const string Prefix = "dotnet run --project samples/AaPanel -- ";

    private readonly CliHarness _cli = new(AaPanel.MigrationRegistry.Map);

    public void Dispose() => _cli.Dispose();

    private string TempFile(string name) => Path.Combine(_cli.Folder, name);

    /// <summary>
    /// Each form, in the README's order, with the commands that run it (in this order, on one database; the backup and
    /// the baseline are files in the temp folder) and, where some or all of it does not run here, the reason.
    /// </summary>
    private (string Form, string[][] Runs, string? NotRun)[] Decisions() =>
    [
        ("current", [["current"]], null),
        ("history", [["history"]], null),
        ("heads", [["heads"]], null),
        ("branches", [["branches"]], null),
        ("show REV", [["show", "001"]], null),
        ("upgrade [TARGET] [--sql | --plan [--json]] [--accept-changed]",
         [["upgrade", "--plan"], ["upgrade", "--plan", "--json"], ["upgrade", "--sql"], ["upgrade", "001"], ["upgrade"], ["upgrade", "--accept-changed"]], null),
        ("downgrade [TARGET] [--sql | --plan [--json]]",
         [["downgrade", "--plan"], ["downgrade", "--plan", "--json"], ["downgrade", "base", "--sql", "--database-uri", "postgresql://panel@127.0.0.1:1/panel"], ["downgrade"], ["upgrade"]],
         "--sql for SQLite: the sample's 'Add SSL column to sites' downgrade rebuilds 'sites', which reads the live table, so offline SQLite is refused with that reason; offline PostgreSQL runs (no connection)"),
        ("stamp REV [--purge]", [["stamp", "head"], ["stamp", "head", "--purge"]], null),
        ("check [--schema]", [["check"], ["check", "--schema"]], null),
        ("baseline --from-database [--output FILE] [-m MSG]", [["baseline", "--from-database", "--output", TempFile("Baseline.cs"), "-m", "from the panel"]],
         "without --output it writes into the sample's project folder"),
        ("squash START:END -m MSG", [], "writes into the sample's project folder (docs/squash.md; Squash tests run it on their own maps)"),
        ("squash --verify REV", [], "the sample has no squash migration to verify"),
        ("create \"Add SSL column to sites\"", [], "writes into the sample's project folder (the quickstart test runs create in a fresh app)"),
        ("merge REV REV -m MSG", [], "the sample has one head: nothing to merge"),
        ("backup [--output FILE | --prune]", [["backup"], ["backup", "--output", TempFile("panel.bak")], ["backup", "--prune"]], null),
        ("backup list [--remote]", [["backup", "list"]], "--remote needs remote storage (S3 or SFTP)"),
        ("backup verify FILE", [["backup", "verify", TempFile("panel.bak")]], null),
        ("restore FILE [--force]", [["restore", TempFile("panel.bak"), "--force"]], null),
        ("restore NAME --remote [--force]", [], "needs remote storage (S3 or SFTP)"),
        ("fleet upgrade --members FILE [--run NAME | --resume NAME]", [], "needs a members file of databases (docs/fleet.md; the Fleet tests run it)"),
        ("fleet status RUN [--json]", [], "needs a fleet run (docs/fleet.md; the Fleet tests run it)"),
    ];

    [Fact]
    public async Task Every_command_form_in_the_README_runs_on_a_throw_away_SQLite_database_or_says_why_not()
    {
        var readme = File.ReadAllText(RepositoryPaths.Of("README.md"));
        var forms = DocText.IndentedLines(readme, "The command line").Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
                           .SelectMany(l => Forms(Comment().Replace(l[Prefix.Length..], ""))).ToList();
        var decisions = Decisions();
        Assert.Equal(decisions.Select(d => d.Form), forms);

        foreach (var (form, runs, notRun) in decisions)
        {
            Assert.True(runs.Length > 0 || notRun is not null, $"'{form}' neither runs nor says why not");
            if (notRun is not null)
                output.WriteLine($"{form}: not run: {notRun}");
            foreach (var arguments in runs)
            {
                var run = await _cli.RunAsync(arguments);
                output.WriteLine($"$ {string.Join(' ', arguments)}  (exit {run.ExitCode})\n{run.Out}{run.Error}");
                Assert.True(run.ExitCode == 0, $"{string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Out}{run.Error}");
            }
        }

        Assert.Equal(new[] { AaPanel.MigrationRegistry.Heads.Single() }, _cli.VersionRows());
        Assert.True(File.Exists(TempFile("Baseline.cs")));
    }

    /// <summary>
    /// The lines of the guide's command block that do not exit 0 when run in its order on one database, with the code
    /// they exit with (null: not run) and why.
    /// </summary>
    private static readonly Dictionary<string, (int? ExitCode, string Why)> GuideExceptions = new(StringComparer.Ordinal)
    {
        ["create \"Add SSL column to sites\""] = (null, "writes into the sample's project folder (the quickstart test runs create in a fresh app)"),
        ["merge 1a2b3c4d5e6f 6f5e4d3c2b1a -m \"merge heads\""] = (null, "placeholder revision ids; the sample has one head"),
        ["downgrade base --sql"] = (3, "refused on SQLite for the sample: its 'Add SSL column to sites' downgrade rebuilds 'sites', which reads the live " +
                                       "table (offline PostgreSQL runs: the README test); section 3 of the guide says so"),
        ["check"] = (1, "after 'stamp 001 --purge' the database is at 001, behind head: exit 1 is check's answer"),
        ["check --schema"] = (1, "the tables are head's while the version table says 001: each difference listed, exit 1"),
    };

    [Fact]
    public async Task Every_command_of_the_guide_runs_in_its_order_with_the_exit_code_it_is_known_for()
    {
        var commands = GuideCommands("guide.md");
        Assert.Equal(commands, GuideCommands("guide.ar.md"));
        Assert.Empty(GuideExceptions.Keys.Except(commands));

        var wrong = new List<string>();
        foreach (var command in commands)
        {
            var expected = GuideExceptions.TryGetValue(command, out var exception) ? exception.ExitCode : 0;
            if (expected is null)
            {
                output.WriteLine($"{command}: not run: {exception.Why}");
                continue;
            }

            var run = await _cli.RunAsync([.. DocText.Words(command)]);
            output.WriteLine($"$ {command}  (exit {run.ExitCode})\n{run.Out}{run.Error}");
            if (run.ExitCode != expected)
                wrong.Add($"{command}: exit {run.ExitCode}, not {expected}: {run.Error}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(File.Exists(TempFile("baseline.cs")));
    }

    // The sample's commands in the guide's first bash block of section 3 (the commands), without the prefix.
    private static List<string> GuideCommands(string page)
    {
        var block = DocText.Blocks(File.ReadAllText(RepositoryPaths.Of("docs", page)))
                           .First(b => b.Language == "bash" && b.Text.Contains(Prefix + "current\n", StringComparison.Ordinal)).Text;
        var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith(Prefix, l, StringComparison.Ordinal));
        return lines.Select(l => l[Prefix.Length..]).ToList();
    }

    // The forms of one line: split at a '|' outside brackets.
    private static IEnumerable<string> Forms(string line)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            depth += line[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0 && line[i] == '|')
            {
                yield return line[start..i].Trim();
                start = i + 1;
            }
        }

        yield return line[start..].Trim();
    }

    // A note after the command, such as "(TARGET defaults to head)".
    [GeneratedRegex("\\s{2,}\\(.*\\)$")]
    private static partial Regex Comment();
}
