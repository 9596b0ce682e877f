using System.Collections.Generic;
using System.CommandLine;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>show REV</c>: the verbose entry of a revision (<c>Rev:</c>, <c>Parent:</c>, ..., the message); <c>show current</c> reads the database.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandSet set)
    {
        var revision = new Argument<string>("REV") { Description = "A revision id or unique prefix, head, heads, current, or label@head." };
        var command = new Command("show", "Show one revision in full.") { revision };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var target = parse.GetValue(revision)!;
            IReadOnlyList<string> ids = target == "current"
                ? await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false)
                : context.Graph.Resolve(target);
            var text = new RevisionText(context.Map, context.Paint);
            foreach (var id in ids)
            {
                context.Line(text.Verbose(id));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
