using System.CommandLine;
using System.Linq;
using Panel.Migrations.Graph;

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

            if (await context.Runner.FindHalfAppliedStepAsync(cancellationToken).ConfigureAwait(false) is { Undone: false } half)
            {
                context.Warn(half.Message);
            }

            if (heads.Count == 0)
            {
                context.WarnIfSqliteFileMissing();
                // The refusal an upgrade would meet, in the same words: a database made without Panel.Migrations.
                var plan = await context.Runner.PlanAsync(MigrationDirection.Upgrade, "heads", cancellationToken).ConfigureAwait(false);
                foreach (var finding in plan.Findings.Where(f => f.Kind == PlanFindingKind.UnversionedSchema))
                {
                    context.Warn(finding.Message);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
