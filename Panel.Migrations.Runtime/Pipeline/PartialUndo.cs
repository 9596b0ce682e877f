using System;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary><c>downgrade --undo-partial</c> (<see cref="MigrationOptions.UndoPartial"/>): undoes what a half-applied upgrade did.</summary>
internal static class PartialUndo
{
    // Under the run's lock: the half-applied upgrade's statements that took effect are undone newest
    // first by their known inverses, the journal walking back with them (the statement being undone is marked in doubt, as a
    // statement being run is), so a kill here too leaves a journal the next run settles from the catalog. Refused before
    // anything is written when the catalog disagrees or a statement has no known inverse.
    public static async Task<MigrationResult> RunAsync(PipelineContext context, Planner planner, DbConnection connection, CancellationToken cancellationToken)
    {
        var state = await planner.ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var half = await planner.FindHalfAppliedAsync(state, connection, null, cancellationToken).ConfigureAwait(false);
        if (half is null || half.Undone)
        {
            context.Log("Nothing to undo: no step is half-applied.");
            return new MigrationResult(state.Heads, state.Heads, []);
        }
        var info = context.Map[half.Revision];
        var journal = JournaledStep.Of(context, context.Describe(info, half.Direction));
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
            refused.ThrowIfRefused(context);
        }

        var log = context.History;
        foreach (var (index, entry) in Enumerable.Reverse(done))
        {
            var inverse = context.Adapter.Dialect.Render(entry.Effect!.Inverse()!);
            context.Log($"Undoing statement {index} of {info.Revision}: {string.Join("; ", inverse.Select(s => s.Sql))}");
            await log.UndoingAsync(connection, half.LogId, index, journal.Digest(index - 1), cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var statement in inverse)
                    await connection.ExecuteAsync(statement, null, cancellationToken, context.Adapter.StatementTimeoutSeconds).ConfigureAwait(false);
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
        context.Log($"Undone: the {done.Length} statement(s) of upgrade to {info} that had taken effect; the database is at {PipelineContext.HeadsText(state.Heads)}.");
        return new MigrationResult(state.Heads, state.Heads, []);
    }
}
