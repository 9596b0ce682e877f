using System.CommandLine;
using System.Linq;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>check</c>: exit 0 when the database is at every head, else exit 1 listing the pending revisions.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandSet set)
    {
        var command = new Command("check", "Exit with code 1 when the database is not at head (for deployment scripts), listing what is pending.");
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var heads = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
            var changed = await context.Runner.FindChangedMigrationsAsync(cancellationToken).ConfigureAwait(false);
            if (changed.Count > 0)
            {
                throw new CommandLineException(MigrationRunner.ChangedMessage(changed, context.Settings.DatabaseUri.ToString()), ExitCodes.CheckFailed);
            }

            var plan = context.Graph.PlanUpgrade(heads, "heads");
            if (plan.IsEmpty)
            {
                context.Line($"Database is up to date: {BackupService.Describe(heads)}.");
                return ExitCodes.Success;
            }

            var text = new RevisionText(context.Map, context.Paint);
            context.Line("Pending upgrades:");
            foreach (var step in plan.Steps)
            {
                context.Line("  " + text.Short(step.Revision, branches: true, doc: true, parents: true));
            }

            var pending = plan.Steps.Select(s => s.Revision).ToList();
            throw new CommandLineException(
                $"Target database is not up to date. It is at {BackupService.Describe(heads)}; {pending.Count} migration(s) to apply: {string.Join(", ", pending)}. Run 'upgrade' to apply them.",
                ExitCodes.CheckFailed);
        });
        return command;
    }
}
