using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Backups;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli.Commands;

/// <summary>What <c>upgrade</c> and <c>downgrade</c> share: online runs with an automatic backup, and offline <c>--sql</c> scripts.</summary>
internal static class Migrate
{
    public static async Task<int> OnlineAsync(CommandContext context, MigrationDirection direction, string target, bool noBackup, CancellationToken cancellationToken,
                                              bool acceptChanged = false)
    {
        var upgrade = direction == MigrationDirection.Upgrade;
        if (target.Contains(':', StringComparison.Ordinal))
        {
            throw new CommandLineException("Range revision not allowed. A START:END range is for --sql only; name a single target.");
        }

        context.Line("Database: " + context.DatabaseDescription);
        var heads = await context.CurrentHeadsAsync(cancellationToken).ConfigureAwait(false);
        var plan = upgrade ? context.Graph.PlanUpgrade(heads, target) : context.Graph.PlanDowngrade(heads, target);
        var runner = context.Runner;
        if (upgrade)
        {
            var changed = await context.Runner.FindChangedMigrationsAsync(cancellationToken).ConfigureAwait(false);
            if (changed.Count > 0 && !acceptChanged)
            {
                throw new CommandLineException(MigrationRunner.ChangedMessage(changed, context.Settings.DatabaseUri.ToString()), ExitCodes.DatabaseError);
            }

            if (changed.Count > 0)
            {
                runner = new MigrationRunner(context.Map, context.MigrationOptions with { AcceptChangedMigrations = true });
                if (plan.IsEmpty)
                {
                    await runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
                    context.Line($"Recorded the new checksum of {string.Join(", ", changed.Select(c => c.Revision))}; the database is at {BackupService.Describe(heads)}.");
                    return ExitCodes.Success;
                }
            }
        }

        if (plan.IsEmpty)
        {
            context.Line($"Nothing to {(upgrade ? "upgrade" : "downgrade")}: the database is at {BackupService.Describe(heads)}.");
            return ExitCodes.Success;
        }

        var unversionedTables = heads.Count == 0 && upgrade
            ? await DatabaseProbe.CountTablesAsync(context.MigrationOptions, cancellationToken).ConfigureAwait(false)
            : 0;
        string? backup = null;
        if (BackupService.AutomaticWanted(context, noBackup))
        {
            backup = BackupService.Take(context, context.Settings.DatabaseUri.SqliteFilePath!);
        }

        try
        {
            var result = upgrade
                ? await runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false)
                : await context.Runner.DowngradeAsync(target, cancellationToken).ConfigureAwait(false);
            context.Line($"Done: {result.Steps.Count} migration(s) {(upgrade ? "applied" : "reverted")}; the database is at {BackupService.Describe(result.HeadsAfter)}.");
            return ExitCodes.Success;
        }
        catch (Exception error) when (error is MigrationException or DbException)
        {
            var message = (DiskWriteFailure.Describe(error) ?? error.Message).TrimEnd();
            if (unversionedTables > 0)
            {
                message += " " + DatabaseProbe.UnversionedHint(unversionedTables, context.MigrationOptions.VersionTable);
            }

            if (backup is not null)
            {
                message += $" The database as it was before this run is saved in {backup}; to go back to it, run: restore {backup}";
            }

            throw new CommandLineException(message, ExitCodes.DatabaseError, error);
        }
    }

    /// <summary>Writes the SQL of <c>START:END</c> to standard output; progress goes to standard error.</summary>
    public static int Offline(CommandContext context, MigrationDirection direction, string range)
    {
        context.ProgressToError = true;
        var colon = range.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 && direction == MigrationDirection.Downgrade)
        {
            throw new CommandLineException("downgrade with --sql requires <fromrev>:<torev>, e.g. 'downgrade 3f2a9c1d7b10:001 --sql'.");
        }

        var start = colon < 0 ? null : range.Substring(0, colon).Trim();
        var end = colon < 0 ? range : range.Substring(colon + 1).Trim();
        IReadOnlyList<string> from = string.IsNullOrEmpty(start) ? [] : context.Graph.Resolve(start);
        context.Write(context.Runner.RenderScript(direction, end, from));
        return ExitCodes.Success;
    }
}
