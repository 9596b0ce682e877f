using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Backups;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// What <c>upgrade</c> and <c>downgrade</c> share: they hand the run to the runtime's pipeline (plan, preflight, backup,
/// steps) and print what it reports; <c>--plan</c> prints the plan instead, <c>--sql</c> an offline script.
/// </summary>
internal static class Migrate
{
    /// <summary>How one online command was asked to run.</summary>
    public sealed record Request(MigrationDirection Direction, string Target, bool NoBackup, bool AcceptChanged, bool Plan, bool Json, bool Resume = false, bool UndoPartial = false);

    public static async Task<int> OnlineAsync(CommandContext context, Request request, CancellationToken cancellationToken)
    {
        var upgrade = request.Direction == MigrationDirection.Upgrade;
        if (request.Target.Contains(':', StringComparison.Ordinal))
        {
            throw new CommandLineException("Range revision not allowed. A START:END range is for --sql only; name a single target.");
        }

        var runner = context.RunnerWith(context.MigrationOptions with
        {
            Backup = request.NoBackup ? null : BackupService.Automatic(context),
            AcceptChangedMigrations = request.AcceptChanged,
            Resume = request.Resume,
            UndoPartial = request.UndoPartial,
        });
        if (request.Plan)
        {
            var plan = await runner.PlanAsync(request.Direction, request.Target, cancellationToken).ConfigureAwait(false);
            context.Write(request.Json ? PlanJson.Write(plan) : PlanText.Write(plan, context.DatabaseDescription));
            return plan.CanRun ? ExitCodes.Success : ExitCodes.DatabaseError;
        }

        context.Line("Database: " + context.DatabaseDescription);
        MigrationResult result;
        try
        {
            result = upgrade
                ? await runner.UpgradeAsync(request.Target, cancellationToken).ConfigureAwait(false)
                : await runner.DowngradeAsync(request.Target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is MigrationException or DbException && error is not MigrationRefusedException && DiskWriteFailure.Describe(error) is { } disk)
        {
            throw new CommandLineException(error is MigrationException { Backup: { } backup } ? disk + " " + MigrationRunner.BackupNote(backup) : disk, ExitCodes.DatabaseError, error);
        }

        if (result.AcceptedChanges.Count > 0 && result.Steps.Count == 0)
        {
            context.Line($"Recorded the new checksum of {string.Join(", ", result.AcceptedChanges.Select(c => c.Revision))}; the database is at {BackupService.Describe(result.HeadsAfter)}.");
        }
        else if (result.Steps.Count == 0)
        {
            context.Line($"Nothing to {(upgrade ? "upgrade" : "downgrade")}: the database is at {BackupService.Describe(result.HeadsAfter)}.");
        }
        else
        {
            context.Line($"Done: {result.Steps.Count} migration(s) {(upgrade ? "applied" : "reverted")}; the database is at {BackupService.Describe(result.HeadsAfter)}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes the SQL of <c>START:END</c> to standard output; progress goes to standard error.</summary>
    public static int Offline(CommandContext context, MigrationDirection direction, string range)
    {
        context.ProgressToError = true;
        var colon = range.IndexOf(':', StringComparison.Ordinal);
        var start = colon < 0 ? null : range.Substring(0, colon).Trim();
        var end = colon < 0 ? range : range.Substring(colon + 1).Trim();
        IReadOnlyList<string> from = string.IsNullOrEmpty(start) ? [] : context.Graph.Resolve(start);
        if (colon < 0 && direction == MigrationDirection.Downgrade)
        {
            // Offline, the database is not read: a downgrade starts from the code's head(s), as the script of a fresh
            // `upgrade --sql` ends there. (Alembic insists on FROM:TO; FROM:TO still picks another start.)
            from = context.Graph.Heads;
            context.Progress($"-- downgrade from the head(s) of the code, {string.Join(", ", from)}; give FROM:TO to start elsewhere");
        }
        context.Write(context.Runner.RenderScript(direction, end, from));
        return ExitCodes.Success;
    }
}
