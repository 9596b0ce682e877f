using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Fleet;

// The work queue: which wave is open, claims with leases, results.
public sealed partial class FleetState
{
    /// <summary>The lowest wave that still has databases pending or running, or null when the run is through.</summary>
    internal async Task<int?> OpenWaveAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT MIN(wave) FROM {_members} WHERE run_id = @run AND status IN ('pending', 'running')",
                                    r => Number(r, 0), cancellationToken, ("run", runId)).ConfigureAwait(false);
        return rows[0] is { } wave ? (int)wave : null;
    }

    /// <summary>The failures and the finished databases of the run, all of them or those of the waves before <paramref name="beforeWave"/>.</summary>
    internal async Task<(int Failed, int Finished)> FailuresAsync(string runId, int? beforeWave, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), COUNT(*) FROM {_members} " +
            "WHERE run_id = @run AND status IN ('upgraded', 'unchanged', 'failed') AND wave < @wave",
            r => ((int)Number(r, 0)!.Value, (int)Number(r, 1)!.Value), cancellationToken, ("run", runId), ("wave", beforeWave ?? int.MaxValue)).ConfigureAwait(false);
        return rows[0];
    }

    /// <summary>
    /// Claims the next database of <paramref name="wave"/> for <paramref name="runner"/> until the lease ends: a pending one,
    /// or one whose runner's lease ran out (it died). Returns its key, or null when none is free.
    /// </summary>
    internal async Task<string?> ClaimAsync(string runId, string runner, int wave, TimeSpan lease, CancellationToken cancellationToken)
    {
        // PostgreSQL: SKIP LOCKED lets runners claim side by side, each row going to exactly one of them. SQLite: BEGIN
        // IMMEDIATE takes the file's write lock before the read, so two workers never read the same free row.
        var next = $"SELECT member_key FROM {_members} WHERE run_id = @run AND wave = @wave AND (status = 'pending' OR (status = 'running' AND lease_until_ms < @now)) " +
                   $"ORDER BY position LIMIT 1{(_postgres ? " FOR UPDATE SKIP LOCKED" : "")}";
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = _postgres ? null : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, transaction,
            $"UPDATE {_members} SET status = 'running', runner = @runner, attempts = attempts + 1, lease_until_ms = @now + @lease, started_ms = @now, " +
            $"finished_ms = NULL, elapsed_ms = NULL WHERE run_id = @run AND member_key = ({next}) RETURNING member_key",
            r => r.GetString(0), cancellationToken, ("run", runId), ("wave", wave), ("runner", runner), ("lease", (long)lease.TotalMilliseconds)).ConfigureAwait(false);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    /// <summary>Extends the leases of what <paramref name="runner"/> is working on.</summary>
    internal Task<int> RenewAsync(string runId, string runner, TimeSpan lease, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {_members} SET lease_until_ms = @now + @lease WHERE run_id = @run AND runner = @runner AND status = 'running'",
                     cancellationToken, ("run", runId), ("runner", runner), ("lease", (long)lease.TotalMilliseconds));

    /// <summary>
    /// Records an attempt's outcome, if the claim is still <paramref name="runner"/>'s (a runner whose lease ran out while it
    /// was stuck loses the row to the one that took it over). Returns whether it was recorded.
    /// </summary>
    internal async Task<bool> FinishAsync(string runId, string runner, FleetOutcome outcome, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"UPDATE {_members} SET status = @status, revision_before = @before, revision_after = @after, steps = @steps, error_kind = @kind, error = @error, backup = @backup, " +
            "lease_until_ms = NULL, finished_ms = @now, elapsed_ms = @elapsed WHERE run_id = @run AND member_key = @key AND runner = @runner AND status = 'running'",
            cancellationToken, ("run", runId), ("key", outcome.Member.Key), ("runner", runner), ("status", StatusName(outcome.Status)),
            ("before", Heads(outcome.HeadsBefore)), ("after", Heads(outcome.HeadsAfter)), ("steps", outcome.Steps), ("kind", outcome.ErrorKind),
            ("error", outcome.Error), ("backup", outcome.Backup), ("elapsed", (long)outcome.Elapsed.TotalMilliseconds)).ConfigureAwait(false) == 1;

    /// <summary>Gives a claimed database back (the runner was cancelled before it finished): it is pending again.</summary>
    internal Task<int> ReleaseAsync(string runId, string runner, string key) =>
        ExecuteAsync($"UPDATE {_members} SET status = 'pending', runner = NULL, lease_until_ms = NULL WHERE run_id = @run AND member_key = @key AND runner = @runner AND status = 'running'",
                     CancellationToken.None, ("run", runId), ("key", key), ("runner", runner));

    internal static string StatusName(FleetMemberStatus status) => status.ToString().ToLowerInvariant();

    private static string? Heads(System.Collections.Generic.IReadOnlyList<string>? heads) => heads is null ? null : string.Join(",", heads);
}
