using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Fleet;

// What a run's rows say: each member's record, and the status summary.
public sealed partial class FleetState
{
    /// <summary>Every database's row of run <paramref name="runId"/>, in list order.</summary>
    public Task<List<FleetMemberRecord>> MembersAsync(string runId, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT member_key, display, position, wave, status, revision_before, revision_after, steps, error_kind, error, backup, attempts, runner, started_ms, finished_ms, elapsed_ms " +
            $"FROM {_members} WHERE run_id = @run ORDER BY position",
            r => new FleetMemberRecord(
                r.GetString(0), r.GetString(1), (int)Number(r, 2)!.Value, (int)Number(r, 3)!.Value, Enum.Parse<FleetMemberStatus>(r.GetString(4), ignoreCase: true),
                Text(r, 5), Text(r, 6), (int?)Number(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), (int)Number(r, 11)!.Value, Text(r, 12),
                Time(Number(r, 13)), Time(Number(r, 14)), Number(r, 15) is { } ms ? TimeSpan.FromMilliseconds(ms) : null),
            cancellationToken, ("run", runId));

    /// <summary>Run <paramref name="runId"/> at a glance.</summary>
    /// <exception cref="MigrationException">There is no such run; the message lists the latest ones.</exception>
    public async Task<FleetStatus> StatusAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await FindRunAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw await NoSuchRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var members = await MembersAsync(runId, cancellationToken).ConfigureAwait(false);
        var byStatus = Enum.GetValues<FleetMemberStatus>().ToDictionary(StatusName, s => members.Count(m => m.Status == s));
        var byRevision = members
            .GroupBy(m => (m.RevisionAfter ?? m.RevisionBefore) switch { null => "unknown", "" => "base", var heads => heads })
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var failures = members.Where(m => m.Status == FleetMemberStatus.Failed)
            .GroupBy(m => (Kind: m.ErrorKind ?? "error", Message: FleetErrors.Generalize(m.Error ?? "", m.Display)))
            .Select(g => new FleetFailureGroup(g.Key.Kind, g.Key.Message, g.Count(), g.Select(m => m.Display).ToArray()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.Message, StringComparer.Ordinal)
            .ToArray();
        return new FleetStatus(run, byStatus, byRevision, failures);
    }

    /// <summary>The error for a run name that is not in the state, naming the latest runs.</summary>
    internal async Task<MigrationException> NoSuchRunAsync(string runId, CancellationToken cancellationToken)
    {
        var runs = await RunsAsync(cancellationToken).ConfigureAwait(false);
        return new MigrationException(
            $"There is no fleet run '{runId}' in {Display}. " +
            (runs.Count == 0 ? "It has no runs yet: start one with 'fleet upgrade'." : $"Its latest runs: {string.Join(", ", runs.Take(5).Select(r => r.RunId))}. Check --state and the run's name."));
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
