using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Backups;
using Panel.Migrations.Cli.Schema;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>check</c>: exit 0 when the database is at every head, else exit 1 listing the pending revisions.
/// <c>check --schema</c>: exit 0 when the database's schema is the one its revisions make, else exit 1 listing every difference.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CommandSet set)
    {
        var schema = new Option<bool>("--schema")
        {
            Description = "Instead: compare the database's schema with the one the revisions up to its current revision make (built in a scratch database "
                          + "that is removed afterwards; SQLite and PostgreSQL) and list every missing, extra or different table, column, constraint, index, "
                          + "trigger and view with the revision that makes it; exit 1 on drift. The database is only read.",
        };
        var command = new Command("check", "Exit with code 1 when the database is not at head (for deployment scripts), listing what is pending; with --schema, when its schema has drifted.") { schema };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(schema))
            {
                return await CheckSchemaAsync(context, cancellationToken).ConfigureAwait(false);
            }

            var heads = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
            if (heads.Count == 0)
            {
                context.WarnIfSqliteFileMissing();
            }

            var changed = await context.Runner.FindChangedMigrationsAsync(cancellationToken).ConfigureAwait(false);
            if (changed.Count > 0)
            {
                throw new CommandLineException(MigrationRunner.ChangedMessage(changed, context.Settings.DatabaseUri.ToString()), ExitCodes.CheckFailed);
            }

            if (await context.Runner.FindHalfAppliedStepAsync(cancellationToken).ConfigureAwait(false) is { Undone: false } half)
            {
                throw new CommandLineException(half.Message, ExitCodes.CheckFailed);
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

    private static async Task<int> CheckSchemaAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var options = context.MigrationOptions;
        if (options.Kind is not (DatabaseKind.Sqlite or DatabaseKind.PostgreSql))
        {
            throw new CommandLineException($"check --schema compares SQLite and PostgreSQL databases; {options.Kind} is not supported yet.", ExitCodes.UsageError);
        }

        // Read first: a SQLite file that does not exist is an error, not a new empty database.
        var live = CatalogReader.Read(options);
        var current = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
        if (current.Count == 0)
        {
            throw new CommandLineException(
                $"The database has no revision in {options.VersionTable}, so there is no schema of its revisions to compare it with. "
                + "If its schema is that of a known revision (a panel set up by aaPanel is at 001), record it with 'stamp <revision>', then run 'check --schema' again.",
                ExitCodes.DatabaseError);
        }

        var findings = await SchemaDrift.FindAsync(context.Map, options, live, current, cancellationToken).ConfigureAwait(false);
        var at = BackupService.Describe(current);
        if (findings.Count == 0)
        {
            context.Line($"No schema drift: the database's schema is the one its revisions make (at {at}).");
            return ExitCodes.Success;
        }

        foreach (var finding in findings)
        {
            context.Line(finding.ToLine(current));
        }

        throw new CommandLineException(
            $"The database's schema differs from the one its revisions make (at {at}) in {findings.Count} place(s), listed above. "
            + "Write a migration for what should stay, or change the database back.",
            ExitCodes.CheckFailed);
    }
}
