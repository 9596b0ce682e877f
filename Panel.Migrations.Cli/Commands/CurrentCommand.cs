using System.CommandLine;
using System.Linq;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>current [--verbose]</c>: one short line per revision the database is at (nothing for an empty database).</summary>
internal static class CurrentCommand
{
    public static Command Create(CommandSet set)
    {
        var command = new Command("current", "Show the revision(s) the database is at.");
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var heads = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
            var text = new RevisionText(context.Map, context.Paint);
            if (context.Verbose)
            {
                context.Line($"Current revision(s) for {context.Settings.DatabaseUri}:");
            }

            foreach (var head in context.Graph.Revisions.Select(r => r.Id).Where(heads.Contains))
            {
                context.Line(context.Verbose ? text.Verbose(head) : text.Short(head));
            }

            if (heads.Count == 0)
            {
                var tables = await DatabaseProbe.CountTablesAsync(context.MigrationOptions, cancellationToken).ConfigureAwait(false);
                if (tables > 0)
                {
                    context.Warn(DatabaseProbe.UnversionedHint(tables, context.MigrationOptions.VersionTable));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
