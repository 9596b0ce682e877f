using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Fleet;

/// <summary>
/// One runner's share of a fleet run: <see cref="FleetOptions.Parallelism"/> workers that each claim a database of the open
/// wave, upgrade it and record the outcome, and a heartbeat that renews this runner's leases. Between waves each worker checks
/// the stop rule on the shared rows, so every runner of the run reaches the same decision.
/// </summary>
internal sealed class FleetWork
{
    private readonly FleetUpgrade _fleet;
    private readonly FleetState _state;
    private readonly FleetOptions _options;
    private readonly string _run;
    private readonly string _runner;
    private readonly IReadOnlyDictionary<string, FleetMember> _members;
    private readonly int _total;
    private readonly int _doneBefore;
    private readonly Stopwatch _clock = new();
    private int _done;
    private int _failed;

    public FleetWork(FleetUpgrade fleet, FleetState state, FleetOptions options, IReadOnlyDictionary<string, FleetMember> members, int total, int doneBefore)
    {
        _fleet = fleet;
        _state = state;
        _options = options;
        _run = options.RunId!;
        _runner = options.RunnerId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        _members = members;
        _total = total;
        _doneBefore = doneBefore;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(heartbeatStop.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, _options.Parallelism).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var checkedWave = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await _state.StoppedAsync(_run, cancellationToken).ConfigureAwait(false) is not null)
                return;
            if (await _state.OpenWaveAsync(_run, cancellationToken).ConfigureAwait(false) is not { } wave)
                return;
            if (wave > checkedWave)
            {
                // Every database of the earlier waves is finished (by any runner): the stop rule decides on all of them.
                var (failed, finished) = await _state.FailuresAsync(_run, wave, cancellationToken).ConfigureAwait(false);
                if (_options.StopRule.StopsAtWaveEnd(failed, finished))
                {
                    await _state.StopAsync(_run, $"Stopped before wave {wave + 1}: {failed} of the {finished} databases of the waves before it failed (stop rule {_options.StopRule}).",
                                           cancellationToken).ConfigureAwait(false);
                    return;
                }

                checkedWave = wave;
            }

            var key = await _state.ClaimAsync(_run, _runner, wave, _options.Lease, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                // The wave's last databases are with other workers or runners: wait for them before the next wave.
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await UpgradeAsync(_members[key], wave, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpgradeAsync(FleetMember member, int wave, CancellationToken cancellationToken)
    {
        FleetOutcome outcome;
        try
        {
            outcome = await _fleet.UpgradeOneAsync(member, _options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _state.ReleaseAsync(_run, _runner, member.Key).ConfigureAwait(false);
            throw;
        }

        await _state.FinishAsync(_run, _runner, outcome, CancellationToken.None).ConfigureAwait(false);
        var done = Interlocked.Increment(ref _done);
        var failed = outcome.Status == FleetMemberStatus.Failed ? Interlocked.Increment(ref _failed) : Volatile.Read(ref _failed);
        if (outcome.Status == FleetMemberStatus.Failed && _options.StopRule.MaxFailures is not null)
        {
            var (all, _) = await _state.FailuresAsync(_run, null, cancellationToken).ConfigureAwait(false);
            if (_options.StopRule.StopsDuringWave(all))
                await _state.StopAsync(_run, $"Stopped in wave {wave + 1}: {all} databases failed, more than the {_options.StopRule.MaxFailures} the stop rule tolerates.",
                                       cancellationToken).ConfigureAwait(false);
        }

        if (_options.Progress is { } progress)
        {
            var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var left = Math.Max(0, _total - _doneBefore - done);
            progress(new FleetProgress(outcome, Math.Min(_total, _doneBefore + done), _total, failed, rate, rate > 0 ? TimeSpan.FromSeconds(left / rate) : null));
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromTicks(Math.Max(_options.Lease.Ticks / 3, TimeSpan.FromMilliseconds(100).Ticks));
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                await _state.RenewAsync(_run, _runner, _options.Lease, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
