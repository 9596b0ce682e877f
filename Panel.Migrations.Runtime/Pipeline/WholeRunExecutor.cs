using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Batch;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// <see cref="TransactionMode.WholeRun"/>: every step of the run in one transaction, so a failure anywhere leaves the
/// database where it began. The plan is checked again under that transaction and made anew if another runner moved the heads.
/// </summary>
internal static class WholeRunExecutor
{
    public static async Task<MigrationResult> RunAsync(StepApplier steps, RevisionWalk walk, IReadOnlyList<string> before,
                                                       Func<IReadOnlyList<string>, RevisionWalk> planFrom, CancellationToken cancellationToken)
    {
        var context = steps.Context;
        IReadOnlyList<string> heads = [];
        RevisionWalk? whole = null;
        using var previewed = PlanDescriptions.Start(walk.Steps, steps.Describe);
        // Only SQLite rebuilds tables; elsewhere the run need not wait for every step's description before it starts.
        var rebuilds = false;
        for (var i = 0; i < walk.Steps.Count && !rebuilds && context.Adapter.Dialect is SqliteDialect; i++)
            rebuilds = context.Rebuilds((await previewed.GetAsync(i).ConfigureAwait(false)).Operations).Any();
        // Foreign keys can only be switched off outside a transaction, so for the whole run at once.
        await using var foreignKeys = rebuilds ? await ForeignKeysOff.SwitchAsync(steps.Connection, cancellationToken).ConfigureAwait(false) : null;
        await context.InTransactionAsync(steps.Connection, async (tx, ct) =>
        {
            heads = await context.Versions.ReadAsync(steps.Connection, tx, ct, ensured: true).ConfigureAwait(false);
            whole = PipelineContext.SameHeads(heads, before) ? walk : planFrom(heads);
            using var replanned = previewed.Describes(whole.Steps) ? null : PlanDescriptions.Start(whole.Steps, steps.Describe);
            var descriptions = replanned ?? previewed;
            var pipeline = steps.PipelineFor(tx);
            for (var i = 0; i < whole.Steps.Count; i++)
            {
                var described = await descriptions.GetAsync(i).ConfigureAwait(false);
                if (!await steps.TryQueueAsync(pipeline, whole.Steps[i], described, ct).ConfigureAwait(false))
                    await steps.ApplyAsync(whole.Steps[i], described, tx, ct).ConfigureAwait(false);
            }
            if (pipeline is not null)
                await pipeline.SendAsync(steps.Applied, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        steps.ReportCommitted();
        return new MigrationResult(heads, whole!.HeadsAfter, steps.Applied);
    }
}
