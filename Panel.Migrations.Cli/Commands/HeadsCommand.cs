using System.CommandLine;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>heads [--verbose]</c>: the heads of the revision graph, e.g. <c>27c6a30d7c24 (head)</c>.</summary>
internal static class HeadsCommand
{
    public static Command Create(CommandSet set)
    {
        var command = new Command("heads", "Show the heads of the revision graph (the newest revision of each branch).");
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            var text = new RevisionText(context.Map, context.Paint);
            foreach (var id in context.Graph.Heads)
            {
                context.Line(context.Verbose ? text.Verbose(id) : text.Short(id, branches: true, tree: false));
            }

            return System.Threading.Tasks.Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
