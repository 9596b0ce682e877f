using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// One step without a transaction: where DDL is not transactional (MySQL, MariaDB), or the migration runs without one
/// (<see cref="MigrationTransaction.None"/>). Each statement commits as it runs, so the step is journaled in the migration
/// log: the intent before the first statement, each statement's index before it is sent and its count once it has
/// committed, so that after any failure or kill the journal is exact or marks the one statement it cannot know (which the
/// next run settles from the catalog). The version table moves only after the whole step succeeded; a failure says what
/// took effect and the ways out, and a later run with <see cref="MigrationOptions.Resume"/> continues from the first
/// statement not done.
/// </summary>
internal static class NonTransactionalExecutor
{
    // False when another runner moved the heads meanwhile (the caller re-plans), true when the step was applied. A resumed
    // step starts after the first `from` statements, which an earlier attempt applied (preflight checked the catalog).
    public static async Task<bool> TryApplyAsync(StepApplier steps, MigrationStep step, DescribedStep described, IReadOnlyList<string> expected, int from,
                                                 CancellationToken cancellationToken)
    {
        if (await steps.HeadsMovedAsync(expected, null, cancellationToken).ConfigureAwait(false))
            return false;

        var context = steps.Context;
        var connection = steps.Connection;
        var info = context.Map[step.Revision];
        var clock = Stopwatch.StartNew();
        context.Started(step);
        // Rendered before anything runs, so that a change this database cannot express fails with nothing applied.
        var journal = JournaledStep.Of(context, described.Operations);
        var total = journal.Entries.Count;
        if (from > 0)
            context.Log($"Resuming at statement {from + 1} of {total}: statements 1-{from} took effect in an earlier attempt.");

        var log = context.History;
        var id = await log.StartAsync(connection, info.Revision, step.Direction, total, steps.History.Identity(step, described), cancellationToken, from, journal.Digest(from))
                          .ConfigureAwait(false);
        var done = from;
        var sent = false; // whether the current statement reached the server
        var confirming = false; // whether it had committed and its count was being recorded
        try
        {
            for (; done < total; done++)
            {
                var entry = journal.Entries[done];
                (sent, confirming) = (false, false);
                await log.StartingAsync(connection, id, done + 1, cancellationToken).ConfigureAwait(false);
                var statements = entry.Statement is { } one ? [one] : await context.Adapter.RenderLiveAsync(entry.Operation, connection, cancellationToken).ConfigureAwait(false);
                foreach (var statement in statements)
                {
                    // A statement that depends on the live database (a column added only where it is missing) may have nothing to do.
                    if (statement.OnlyIf is { } condition && await connection.CountAsync(condition, null, cancellationToken).ConfigureAwait(false) == 0)
                        continue;
                    sent = true;
                    await connection.ExecuteAsync(statement, null, cancellationToken, context.Adapter.StatementTimeoutSeconds).ConfigureAwait(false);
                }
                confirming = true;
                await log.ProgressAsync(connection, id, done + 1, journal.Digest(done + 1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is DbException or MigrationException or OperationCanceledException)
        {
            // Refused by the server (or never sent): it did not take effect. Cut off (a timeout, a cancellation, a lost
            // connection) after it was sent, or committed but not counted: it may have, and the journal keeps it marked as running.
            var refused = !sent || (!confirming && context.Adapter.Refused(error, connection));
            var message = PartlyApplied(context, info, step, expected, log.Name, journal, done, refused, error);
            await TryRecordFailureAsync(log, connection, id, message, refused).ConfigureAwait(false);
            throw new MigrationException(message, error);
        }

        try
        {
            await context.InTransactionAsync(connection, (tx, ct) => context.Versions.ApplyAsync(step.Change, connection, tx, ct, alongside: log.Finish(id, clock.Elapsed)),
                                            cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or MigrationException or OperationCanceledException)
        {
            var message = $"{Verb(step)} to {info}: all {total} statement(s) were applied, but recording it in the version table failed: {error.Message} " +
                          $"The version table still says {PipelineContext.HeadsText(expected)}. Run `{(step.Direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade")} --resume` " +
                          $"to record it (or check the schema and run `stamp {StampTarget(step, info)}`).";
            await TryRecordFailureAsync(log, connection, id, message, refused: true).ConfigureAwait(false);
            throw new MigrationException(message, error);
        }
        steps.Applied.Add(new AppliedStep(step.Revision, step.Direction, clock.Elapsed));
        return true;
    }

    private static async Task TryRecordFailureAsync(MigrationLog log, DbConnection connection, string id, string message, bool refused)
    {
        try
        {
            await log.FailAsync(connection, id, message, refused, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or InvalidOperationException)
        {
            // The connection is gone: the row stays 'running' with the statement marked as sent, which says the same.
        }
    }

    private static string PartlyApplied(PipelineContext context, MigrationInfo info, MigrationStep step, IReadOnlyList<string> expected, string logTable, JournaledStep journal, int done, bool refused,
                                 Exception error)
    {
        var total = journal.Entries.Count;
        var text = new StringBuilder();
        text.Append(Verb(step)).Append(" to ").Append(info).Append(" failed at statement ").Append(done + 1).Append(" of ").Append(total)
            .Append(": ").Append(journal.Entries[done].Short).Append(". ");
        text.Append(error is OperationCanceledException ? "The run was cancelled." : "The database said: " + error.Message.TrimEnd('.') + ".");
        text.Append(' ').Append(context.CommitsAsItRuns).Append(", so this migration was not rolled back: ");
        if (done == 0)
            text.Append("none of its statements had taken effect before it. ");
        else
        {
            text.Append(done == 1 ? "statement 1 took effect and stays applied:" : $"statements 1-{done} took effect and stay applied:");
            for (var i = 0; i < done; i++)
                text.Append("\n  [").Append(i + 1).Append("] ").Append(journal.Entries[i].Short);
            text.Append('\n');
        }
        if (!refused)
            text.Append($"Statement {done + 1} was cut off after it was sent, so it may have taken effect too; the next run reads the catalog to tell. ");
        text.Append($"The version table still says {PipelineContext.HeadsText(expected)}; this attempt is recorded in {logTable}. ");
        text.Append(done == 0 && refused
            ? "To recover: fix the cause and run the command again."
            : HalfAppliedCheck.WaysOut(step.Direction, done, expected) + $" (Or complete the change by hand so that the schema matches {StampTarget(step, info)} and run `stamp {StampTarget(step, info)}`.)");
        return text.ToString();
    }

    private static string Verb(MigrationStep step) => step.Direction == MigrationDirection.Upgrade ? "Upgrade" : "Downgrade";

    private static string StampTarget(MigrationStep step, MigrationInfo info) =>
        step.Direction == MigrationDirection.Upgrade ? info.Revision
        : info.DownRevisions.Count == 0 ? "base" : string.Join(" ", info.DownRevisions);
}
