using System.Collections.Generic;
using System.CommandLine;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>history [-r START:END] [--verbose] [-i]</c>: the revisions, newest first, as <c>&lt;down&gt; -&gt; &lt;rev&gt; (head), &lt;message&gt;</c>.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandSet set)
    {
        var range = new Option<string?>("--rev-range", "-r")
        {
            Description = "Only the revisions from START to END, both included: START:END, START: or :END ('current' reads the database).",
            HelpName = "START:END",
        };
        var indicate = new Option<bool>("--indicate-current", "-i") { Description = "Mark the revision(s) the database is at with (current)." };
        var command = new Command("history", "List the revisions, newest first.") { range, indicate };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var rangeText = parse.GetValue(range);
            IReadOnlyList<string>? current = null;
            if (parse.GetValue(indicate) || (rangeText is not null && rangeText.Contains("current", System.StringComparison.Ordinal)))
            {
                current = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (rangeText is not null && current is not null && rangeText.Contains(':', System.StringComparison.Ordinal))
            {
                var colon = rangeText.IndexOf(':', System.StringComparison.Ordinal);
                rangeText = Substitute(rangeText.Substring(0, colon).Trim(), current) + ":" + Substitute(rangeText.Substring(colon + 1).Trim(), current);
            }

            var text = new RevisionText(context.Map, context.Paint, parse.GetValue(indicate) ? current : null);
            foreach (var id in context.Graph.History(rangeText))
            {
                context.Line(context.Verbose ? text.Verbose(id) : text.Short(id, branches: true, doc: true, parents: true));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Substitute(string end, IReadOnlyList<string> current) => end != "current"
        ? end
        : current.Count switch
        {
            0 => "base",
            1 => current[0],
            _ => throw new CommandLineException($"The database has several heads ({string.Join(", ", current)}); name one of them instead of 'current'."),
        };
}
