using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations;

// Plans as data (Pipeline/Planner) and runs a plan made earlier.
public sealed partial class MigrationRunner
{
    /// <summary>
    /// What an upgrade or downgrade to <paramref name="target"/> would do, without changing anything (no lock is taken, no
    /// table created; a SQLite file that does not exist is not created). A refused plan has findings that block it.
    /// </summary>
    /// <param name="direction">Upgrade or downgrade.</param>
    /// <param name="target">The target, as for <see cref="UpgradeAsync"/> or <see cref="DowngradeAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<MigrationPlan> PlanAsync(MigrationDirection direction, string target, CancellationToken cancellationToken = default)
    {
        Preflight preflight;
        await using (var connection = await _context.OpenExistingAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = connection is null ? DatabaseState.Empty : await _planner.ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
            preflight = await _planner.PreflightAsync(direction, target, state, connection, null, cancellationToken).ConfigureAwait(false);
        }
        var steps = preflight.Walk?.Steps.Select(_planner.PlanStep).ToArray() ?? [];
        return preflight.ToPlan(_context, steps);
    }

    /// <summary>
    /// Runs <paramref name="plan"/> (from <see cref="PlanAsync"/>) if the database is still where the plan began, checked under
    /// the lock; otherwise refuses without changing anything.
    /// </summary>
    /// <param name="plan">The plan to run.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public Task<MigrationResult> RunAsync(MigrationPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return RunAsync(plan.Direction, plan.Target, plan.HeadsBefore, cancellationToken);
    }
}
