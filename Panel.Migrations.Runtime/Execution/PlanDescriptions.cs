using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>
/// Describes every step of a plan (runs its migration's <c>Up</c> or <c>Down</c>, and checksums an upgrade) on a worker
/// thread, in plan order, while the runner applies the earlier steps. A step is usually the first use of its migration
/// class, so loading the class and compiling its methods (about 0.2 ms a migration under the JIT, more than the rest of
/// the runner's own work) then overlaps the database's work instead of adding to every step.
/// </summary>
/// <remarks>
/// Up and Down only describe operations, so the thread they run on changes nothing. An exception one of them throws is
/// kept and thrown to the runner when it reaches that step, as if it had called the method itself; the worker stops there.
/// </remarks>
internal sealed class PlanDescriptions : IDisposable
{
    private readonly IReadOnlyList<MigrationStep> _steps;
    private readonly TaskCompletionSource<Outcome>[] _outcomes;
    private volatile bool _stopped;

    private PlanDescriptions(IReadOnlyList<MigrationStep> steps)
    {
        _steps = steps;
        _outcomes = steps.Select(_ => new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
    }

    /// <summary>Starts describing <paramref name="steps"/> with <paramref name="describe"/>.</summary>
    public static PlanDescriptions Start(IReadOnlyList<MigrationStep> steps, Func<MigrationStep, DescribedStep> describe)
    {
        var descriptions = new PlanDescriptions(steps);
        if (steps.Count == 1)
            descriptions.DescribeAll(describe); // nothing to overlap with: no thread
        else if (steps.Count > 1)
            Task.Factory.StartNew(() => descriptions.DescribeAll(describe), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return descriptions;
    }

    /// <summary>Whether these are the descriptions of <paramref name="steps"/> (same revisions, same directions, same order).</summary>
    public bool Describes(IReadOnlyList<MigrationStep> steps) =>
        steps.Count == _steps.Count && steps.Zip(_steps, (a, b) => a.Revision == b.Revision && a.Direction == b.Direction).All(same => same);

    /// <summary>The description of step <paramref name="index"/>, waiting for the worker if it is not there yet.</summary>
    public async Task<DescribedStep> GetAsync(int index)
    {
        var outcome = await _outcomes[index].Task.ConfigureAwait(false);
        outcome.Error?.Throw();
        return outcome.Step!;
    }

    /// <summary>Stops the worker after the step it is describing (the run ended or re-planned).</summary>
    public void Dispose() => _stopped = true;

    private void DescribeAll(Func<MigrationStep, DescribedStep> describe)
    {
        for (var i = 0; i < _steps.Count && !_stopped; i++)
        {
            try
            {
                _outcomes[i].SetResult(new Outcome(describe(_steps[i]), null));
            }
            catch (Exception error)
            {
                _outcomes[i].SetResult(new Outcome(null, ExceptionDispatchInfo.Capture(error)));
                return;
            }
        }
    }

    // An exception travels as a value: a faulted task the runner never awaits (it stopped at an earlier step) would be
    // reported as an unobserved exception.
    private sealed record Outcome(DescribedStep? Step, ExceptionDispatchInfo? Error);
}

/// <summary>A step's operations, and for an upgrade the checksum the migration log records.</summary>
internal sealed record DescribedStep(IReadOnlyList<MigrationOperation> Operations, string? Checksum);
