using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Batch;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// <see cref="TransactionMode.PerMigration"/>: each step in a transaction of its own (several at once to PostgreSQL through
/// the step pipeline), or journaled statement by statement by <see cref="NonTransactionalExecutor"/> where DDL is not
/// transactional or the migration asks for no transaction. A failed step leaves the steps before it committed. When another
/// runner moved the heads in between (SQLite, whose lock is each step's transaction), an upgrade plans again from where
/// the database now is; a downgrade stops and says so.
/// </summary>
internal static class PerMigrationExecutor
{
    public static async Task<MigrationResult> RunAsync(StepApplier steps, RevisionWalk walk, IReadOnlyList<string> before,
                                                       Func<IReadOnlyList<string>, RevisionWalk> planFrom, bool replanWhenMoved,
                                                       HalfAppliedStep? resume, CancellationToken cancellationToken)
    {
        var context = steps.Context;
        var connection = steps.Connection;
        var plan = walk;
        var expected = before;
        var descriptions = PlanDescriptions.Start(plan.Steps, steps.Describe);
        var pipeline = steps.PipelineFor(null);
        try
        {
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var step = plan.Steps[i];
                var moved = false;
                // Described before the transaction (Up/Down are pure): a rebuild needs foreign keys off before BEGIN
                // (restored when this iteration ends, after the commit or rollback).
                DescribedStep described;
                try
                {
                    described = await descriptions.GetAsync(i).ConfigureAwait(false);
                    if (await steps.TryQueueAsync(pipeline, step, described, cancellationToken).ConfigureAwait(false))
                    {
                        expected = step.HeadsAfter;
                        steps.ReportCommitted();
                        continue;
                    }
                }
                catch (Exception) when (pipeline is { Count: > 0 } && !cancellationToken.IsCancellationRequested)
                {
                    // This step failed before any of its statements ran (its Up threw, or it cannot be rendered): the steps
                    // queued before it are good, so apply them, as a run that sends each step by itself would have.
                    await pipeline.SendAsync(steps.Applied, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                await using var foreignKeys = context.Rebuilds(described.Operations).Any()
                    ? await ForeignKeysOff.SwitchAsync(connection, cancellationToken).ConfigureAwait(false) : null;
                if (!context.Adapter.Dialect.TransactionalDdl || context.Map[step.Revision].Transaction == MigrationTransaction.None)
                {
                    var from = resume is { } r && r.Revision == step.Revision && r.Direction == step.Direction ? r.StatementsDone : 0;
                    moved = !await NonTransactionalExecutor.TryApplyAsync(steps, step, described, expected, from, cancellationToken).ConfigureAwait(false);
                }
                else await context.InTransactionAsync(connection, async (tx, ct) =>
                {
                    if (await steps.HeadsMovedAsync(expected, tx, ct).ConfigureAwait(false))
                    {
                        moved = true;
                        return;
                    }
                    await steps.ApplyAsync(step, described, tx, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                steps.ReportCommitted();

                if (moved)
                {
                    var actual = await context.Versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
                    if (!replanWhenMoved)
                        throw new MigrationException($"Another runner changed the database during this downgrade (heads are now {PipelineContext.HeadsText(actual)}, expected {PipelineContext.HeadsText(expected)}); nothing more was undone. Check 'current' and run the downgrade again.");
                    plan = planFrom(actual);
                    descriptions.Dispose();
                    descriptions = PlanDescriptions.Start(plan.Steps, steps.Describe);
                    expected = actual;
                    i = -1;
                    continue;
                }
                expected = step.HeadsAfter;
            }
        }
        finally
        {
            descriptions.Dispose();
        }
        if (pipeline is not null)
            await pipeline.SendAsync(steps.Applied, cancellationToken).ConfigureAwait(false);
        steps.ReportCommitted();
        var after = context.Adapter.LockSpansRun ? expected : await context.Versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
        return new MigrationResult(before, after, steps.Applied);
    }
}
