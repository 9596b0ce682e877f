using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Fleet;

// The run rows: create or join a run, reset it for a resume, stop it.
public sealed partial class FleetState
{
    /// <summary>The run named <paramref name="runId"/>, or null.</summary>
    public async Task<FleetRun?> FindRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT run_id, target, waves, stop_rule, source, members, created_ms, stopped FROM {_runs} WHERE run_id = @run", ReadRun,
                                    cancellationToken, ("run", runId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The runs, newest first.</summary>
    public Task<List<FleetRun>> RunsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT run_id, target, waves, stop_rule, source, members, created_ms, stopped FROM {_runs} ORDER BY created_ms DESC, run_id", ReadRun, cancellationToken);

    private static FleetRun ReadRun(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), (int)Number(r, 5)!.Value, DateTimeOffset.FromUnixTimeMilliseconds(Number(r, 6)!.Value), Text(r, 7));

    /// <summary>
    /// Creates run <paramref name="runId"/> with a pending row per member, or joins it when another runner created it
    /// (members already there keep their rows). Every runner of one run must be given the same target.
    /// </summary>
    internal async Task<FleetRun> CreateOrJoinAsync(string runId, string target, FleetWaves waves, FleetStopRule stopRule, string? source,
                                                     IReadOnlyList<FleetMember> members, CancellationToken cancellationToken)
    {
        var wave = waves.Assign(members.Count);
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {_runs} (run_id, target, waves, stop_rule, source, members, created_ms) VALUES (@run, @target, @waves, @stop, @source, @members, @now) ON CONFLICT (run_id) DO NOTHING",
                cancellationToken, ("run", runId), ("target", target), ("waves", waves.ToString()), ("stop", stopRule.ToString()), ("source", source), ("members", members.Count)).ConfigureAwait(false);
            var insert = $"INSERT INTO {_members} (run_id, member_key, position, wave, display, status) VALUES (@run, @key, @position, @wave, @display, 'pending') ON CONFLICT (run_id, member_key) DO NOTHING";
            for (var i = 0; i < members.Count; i++)
                await ExecuteAsync(connection, transaction, insert, cancellationToken,
                                   ("run", runId), ("key", members[i].Key), ("position", i), ("wave", wave[i]), ("display", members[i].Display)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"UPDATE {_runs} SET members = (SELECT COUNT(*) FROM {_members} WHERE run_id = @run) WHERE run_id = @run",
                               cancellationToken, ("run", runId)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var run = (await FindRunAsync(runId, cancellationToken).ConfigureAwait(false))!;
        if (run.Target != target)
            throw new MigrationException($"The fleet run '{runId}' upgrades to {run.Target}, not {target}; give the same target, or start a new run with another --run name.");
        return run;
    }

    /// <summary>Makes the failed databases of a run pending again and lifts its stop, for a resume; returns how many were reset.</summary>
    internal async Task<int> ResetFailedAsync(string runId, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"UPDATE {_runs} SET stopped = NULL WHERE run_id = @run", cancellationToken, ("run", runId)).ConfigureAwait(false);
        return await ExecuteAsync($"UPDATE {_members} SET status = 'pending', runner = NULL, lease_until_ms = NULL WHERE run_id = @run AND status = 'failed'",
                                  cancellationToken, ("run", runId)).ConfigureAwait(false);
    }

    /// <summary>Stops a run (no runner starts another database of it); the first reason given is kept.</summary>
    internal Task<int> StopAsync(string runId, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {_runs} SET stopped = @reason WHERE run_id = @run AND stopped IS NULL", cancellationToken, ("run", runId), ("reason", reason));

    /// <summary>Why the run stopped, or null while it goes on.</summary>
    internal async Task<string?> StoppedAsync(string runId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT stopped FROM {_runs} WHERE run_id = @run", r => Text(r, 0), cancellationToken, ("run", runId)).ConfigureAwait(false)).FirstOrDefault();
}
