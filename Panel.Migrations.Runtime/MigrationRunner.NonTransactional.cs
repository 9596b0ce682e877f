using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations;

// Where DDL is not transactional (MySQL, MariaDB), or a migration runs without a transaction: each statement commits as it
// runs, so a migration cannot be rolled back as a whole. The runner journals it in the migration log: the intent before the
// first statement, each statement's index before it is sent and its count once it has committed, so that after any
// failure or kill the journal is exact or marks the one statement it cannot know (which the next run settles from the
// catalog). The version table moves only after the whole migration succeeded; a failure says what took effect and the
// ways out, and a later run with MigrationOptions.Resume continues from the first statement not done.
public sealed partial class MigrationRunner
{
    /// <summary>
    /// The step that stopped part-way outside a transaction, if there is one: how many of its statements took effect (the
    /// journal, settled from the catalog), where the catalog disagrees, and the ways out. <c>current</c> and <c>check</c>
    /// show it. The database is not changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<HalfAppliedStep?> FindHalfAppliedStepAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _context.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
            return null;
        var state = await _planner.ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
        return await _planner.FindHalfAppliedAsync(state, connection, null, cancellationToken).ConfigureAwait(false);
    }

    // downgrade --undo-partial, under the run's lock: the half-applied upgrade's statements that took effect are undone newest
    // first by their known inverses, the journal walking back with them (the statement being undone is marked in doubt, as a
    // statement being run is), so a kill here too leaves a journal the next run settles from the catalog. Refused before
    // anything is written when the catalog disagrees or a statement has no known inverse.
    private async Task<MigrationResult> UndoPartialAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var state = await _planner.ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var half = await _planner.FindHalfAppliedAsync(state, connection, null, cancellationToken).ConfigureAwait(false);
        if (half is null || half.Undone)
        {
            _context.Log("Nothing to undo: no step is half-applied.");
            return new MigrationResult(state.Heads, state.Heads, []);
        }
        var info = Map[half.Revision];
        var journal = JournaledStep.Of(_context, _context.Describe(info, half.Direction));
        var done = journal.Entries.Take(half.StatementsDone).Select((e, i) => (Index: i + 1, Entry: e)).ToArray();
        var unknown = done.Where(d => d.Entry.Effect?.Inverse() is null || d.Entry.Statement?.OnlyIf is not null).ToArray();
        var refusal = half.Direction != MigrationDirection.Upgrade
            ? $"{half.Message}\n--undo-partial undoes a half-applied upgrade; this is a downgrade: finish it with `downgrade --resume`."
            : !half.DoneStatementsAgree ? half.Message
            : unknown.Length > 0
                ? $"--undo-partial cannot undo upgrade to {info}: {string.Join("; ", unknown.Select(u => $"statement {u.Index} ({u.Entry.Short})"))} " +
                  $"{(unknown.Length == 1 ? "has" : "have")} no known inverse (only a table, column or index it made can be dropped); nothing was changed. " +
                  $"Undo statements {half.StatementsDone}-1 by hand, newest first, and run `stamp {(state.Heads.Count == 0 ? "base" : string.Join(" ", state.Heads))}`; " +
                  "or fix the cause and run `upgrade --resume`."
                : null;
        if (refusal is not null)
        {
            var refused = new Preflight(MigrationDirection.Downgrade, "--undo-partial", state.Heads);
            refused.Refuse(PlanFindingKind.HalfAppliedStep, refusal);
            refused.ThrowIfRefused(_context);
        }

        var log = _context.History;
        foreach (var (index, entry) in Enumerable.Reverse(done))
        {
            var inverse = _context.Adapter.Dialect.Render(entry.Effect!.Inverse()!);
            _context.Log($"Undoing statement {index} of {info.Revision}: {string.Join("; ", inverse.Select(s => s.Sql))}");
            await log.UndoingAsync(connection, half.LogId, index, journal.Digest(index - 1), cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var statement in inverse)
                    await connection.ExecuteAsync(statement, null, cancellationToken, _context.Adapter.StatementTimeoutSeconds).ConfigureAwait(false);
            }
            catch (Exception error) when (error is DbException or OperationCanceledException)
            {
                throw new MigrationException(
                    $"Undoing statement {index} of upgrade to {info} ({entry.Short}) failed: {(error is OperationCanceledException ? "the run was cancelled" : error.Message.TrimEnd('.'))}. " +
                    $"Statements 1-{index - 1} stay applied and statement {index} may still be; the journal in {log.Name} says so and the next run checks it " +
                    "from the catalog: run `downgrade --undo-partial` again once the cause is fixed, or `upgrade --resume`.", error);
            }
            await log.StartingAsync(connection, half.LogId, index - 1, cancellationToken).ConfigureAwait(false);
        }
        _context.Log($"Undone: the {done.Length} statement(s) of upgrade to {info} that had taken effect; the database is at {PipelineContext.HeadsText(state.Heads)}.");
        return new MigrationResult(state.Heads, state.Heads, []);
    }

    // False when another runner moved the heads meanwhile (the caller re-plans), true when the step was applied. A resumed
    // step starts after the first `from` statements, which an earlier attempt applied (preflight checked the catalog).
    private async Task<bool> TryApplyWithoutTransactionAsync(MigrationStep step, DescribedStep described, IReadOnlyList<string> expected, List<AppliedStep> applied,
                                                             DbConnection connection, int from, CancellationToken cancellationToken)
    {
        if (await HeadsMovedAsync(expected, connection, null, cancellationToken).ConfigureAwait(false))
            return false;

        var info = Map[step.Revision];
        var clock = Stopwatch.StartNew();
        _context.Started(step);
        // Rendered before anything runs, so that a change this database cannot express fails with nothing applied.
        var journal = JournaledStep.Of(_context, described.Operations);
        var total = journal.Entries.Count;
        if (from > 0)
            _context.Log($"Resuming at statement {from + 1} of {total}: statements 1-{from} took effect in an earlier attempt.");

        var log = _context.History;
        var id = await log.StartAsync(connection, info.Revision, step.Direction, total, _history.Identity(step, described), cancellationToken, from, journal.Digest(from))
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
                var statements = entry.Statement is { } one ? [one] : await _context.Adapter.RenderLiveAsync(entry.Operation, connection, cancellationToken).ConfigureAwait(false);
                foreach (var statement in statements)
                {
                    // A statement that depends on the live database (a column added only where it is missing) may have nothing to do.
                    if (statement.OnlyIf is { } condition && await connection.CountAsync(condition, null, cancellationToken).ConfigureAwait(false) == 0)
                        continue;
                    sent = true;
                    await connection.ExecuteAsync(statement, null, cancellationToken, _context.Adapter.StatementTimeoutSeconds).ConfigureAwait(false);
                }
                confirming = true;
                await log.ProgressAsync(connection, id, done + 1, journal.Digest(done + 1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is DbException or MigrationException or OperationCanceledException)
        {
            // Refused by the server (or never sent): it did not take effect. Cut off (a timeout, a cancellation, a lost
            // connection) after it was sent, or committed but not counted: it may have, and the journal keeps it marked as running.
            var refused = !sent || (!confirming && _context.Adapter.Refused(error, connection));
            var message = PartlyApplied(info, step, expected, log.Name, journal, done, refused, error);
            await TryRecordFailureAsync(log, connection, id, message, refused).ConfigureAwait(false);
            throw new MigrationException(message, error);
        }

        try
        {
            await _context.InTransactionAsync(connection, (tx, ct) => _context.Versions.ApplyAsync(step.Change, connection, tx, ct, alongside: log.Finish(id, clock.Elapsed)),
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
        applied.Add(new AppliedStep(step.Revision, step.Direction, clock.Elapsed));
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

    private string PartlyApplied(MigrationInfo info, MigrationStep step, IReadOnlyList<string> expected, string logTable, JournaledStep journal, int done, bool refused,
                                 Exception error)
    {
        var total = journal.Entries.Count;
        var text = new StringBuilder();
        text.Append(Verb(step)).Append(" to ").Append(info).Append(" failed at statement ").Append(done + 1).Append(" of ").Append(total)
            .Append(": ").Append(journal.Entries[done].Short).Append(". ");
        text.Append(error is OperationCanceledException ? "The run was cancelled." : "The database said: " + error.Message.TrimEnd('.') + ".");
        text.Append(' ').Append(_context.CommitsAsItRuns).Append(", so this migration was not rolled back: ");
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
