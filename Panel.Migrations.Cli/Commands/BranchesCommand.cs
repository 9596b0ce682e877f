using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>branches [--verbose]</c>: each branch point, then one line per branch as
/// <c>&lt;spaces as wide as the id&gt; -&gt; &lt;rev&gt;</c>, then a blank line.
/// </summary>
internal static class BranchesCommand
{
    public static Command Create(CommandSet set)
    {
        var command = new Command("branches", "Show the revisions where the history forks, and the branches from each.");
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            var text = new RevisionText(context.Map, context.Paint);
            var branchPoints = context.Graph.BranchPoints.ToHashSet();
            foreach (var id in context.Graph.History().Where(branchPoints.Contains))
            {
                context.Line(context.Verbose ? text.Verbose(id) : text.Short(id, branches: true));
                var indent = new string(' ', id.Length);
                context.Line(string.Join("\n", context.Graph.Children(id).Select(child => indent + " -> " + text.Short(child, branches: true, doc: context.Verbose))));
                context.Line();
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
