using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Fleet;

/// <summary>
/// Upgrades many databases, each through the same pipeline as a single upgrade (<see cref="MigrationRunner.UpgradeAsync"/>:
/// preflight, the automatic backup, the plan, its own lock), with bounded parallelism, in waves with a stop rule, recording one
/// row per database in a <see cref="FleetState"/>. A database that fails (unreachable, wrong password, refused, locked, a
/// failed step) is recorded with its message and the others go on. Several runners given the same run share its work.
/// </summary>
public sealed class FleetUpgrade
{
    private readonly Lazy<MigrationMap> _map;
    private readonly IReadOnlyList<string> _heads;

    /// <summary>A fleet upgrade with <paramref name="map"/>'s migrations.</summary>
    public FleetUpgrade(MigrationMap map)
        : this(() => map, (map ?? throw new ArgumentNullException(nameof(map))).Graph.Heads)
    {
    }

    /// <summary>A fleet upgrade whose map is built once, when the first database needs it (the generated registry's <c>() =&gt; MigrationRegistry.Map</c> and <c>MigrationRegistry.Heads</c>).</summary>
    public FleetUpgrade(Func<MigrationMap> map, IReadOnlyList<string> heads)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = new Lazy<MigrationMap>(map);
        _heads = heads ?? throw new ArgumentNullException(nameof(heads));
    }

    /// <summary>
    /// Runs (or joins, or resumes) the fleet run of <paramref name="options"/> over <paramref name="members"/> until every database
    /// is finished or the stop rule stops it, and returns the run's status.
    /// </summary>
    /// <param name="members">The databases, in the order the waves take them; each once.</param>
    /// <param name="state">Where the run's rows are.</param>
    /// <param name="options">Target, run name, parallelism, waves, stop rule.</param>
    /// <param name="cancellationToken">Cancels the run: databases in progress roll back their step and go back to pending.</param>
    /// <exception cref="MigrationException">A database is listed twice, the run to resume does not exist, or it has databases the list lacks.</exception>
    public async Task<FleetStatus> RunAsync(IReadOnlyList<FleetMember> members, FleetState state, FleetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Parallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "The parallelism must be at least 1.");
        var byKey = new Dictionary<string, FleetMember>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!byKey.TryAdd(member.Key, member))
                throw new MigrationException($"The database {member.Display} is listed twice; list each database once.");
        }

        var runId = options.RunId ?? DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        if (options.Resume)
        {
            _ = await state.FindRunAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw await state.NoSuchRunAsync(runId, cancellationToken).ConfigureAwait(false);
            await state.ResetFailedAsync(runId, cancellationToken).ConfigureAwait(false);
        }

        var run = await state.CreateOrJoinAsync(runId, options.Target, options.Waves, options.StopRule, options.Source, members, cancellationToken).ConfigureAwait(false);
        var rows = await state.MembersAsync(runId, cancellationToken).ConfigureAwait(false);
        var missing = rows.Where(r => r.Status is FleetMemberStatus.Pending or FleetMemberStatus.Running && !byKey.ContainsKey(r.Key)).ToArray();
        if (missing.Length > 0)
            throw new MigrationException(
                $"The fleet run '{runId}' has {missing.Length} unfinished database(s) that are not in the list given, e.g. {missing[0].Display}; give the list the run was started with.");

        var work = new FleetWork(this, state, options with { RunId = runId }, byKey, run.Members, rows.Count(r => r.Status is not (FleetMemberStatus.Pending or FleetMemberStatus.Running)));
        await work.RunAsync(cancellationToken).ConfigureAwait(false);
        return await state.StatusAsync(runId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Upgrades one database through the pipeline and says how it ended; never throws for the database's own failures.</summary>
    internal async Task<FleetOutcome> UpgradeOneAsync(FleetMember member, FleetOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (MissingFile(member.Options) is { } file)
        {
            // A single upgrade creates a new SQLite file; in a list of existing installations a missing one is a mistake.
            return new FleetOutcome(member, FleetMemberStatus.Failed, null, null, 0, "missing",
                                    $"There is no database file at {file}; a fleet upgrades existing databases only. Fix the list, or create the database with 'upgrade' first.", null, clock.Elapsed);
        }

        IReadOnlyList<string>? before = null;
        string? backup = null;
        var migration = member.Options with
        {
            Backup = options.Backup,
            LockTimeout = options.LockTimeout,
            Retry = options.Retry,
            Log = null,
            BatchProgress = null,
            Events = e =>
            {
                if (e is RunStarting starting)
                    before = starting.HeadsBefore;
                else if (e is BackupTaken taken)
                    backup = taken.Path;
            },
        };
        if (options.ConfigureMember is { } configure)
            migration = configure(member, migration);
        var runner = new MigrationRunner(() => _map.Value, _heads, migration);
        try
        {
            var result = await runner.UpgradeAsync(options.Target, cancellationToken).ConfigureAwait(false);
            return new FleetOutcome(member, result.Steps.Count > 0 ? FleetMemberStatus.Upgraded : FleetMemberStatus.Unchanged, result.HeadsBefore, result.HeadsAfter,
                                    result.Steps.Count, null, null, result.Backup, clock.Elapsed);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (kind, message) = FleetErrors.Describe(error, member);
            IReadOnlyList<string>? after = null;
            if (error is MigrationRefusedException refused)
                before = after = refused.Plan.HeadsBefore;
            else if (before is not null)
                after = await WhereNowAsync(runner, cancellationToken).ConfigureAwait(false);
            return new FleetOutcome(member, FleetMemberStatus.Failed, before, after, 0, kind, message, backup ?? (error as MigrationException)?.Backup, clock.Elapsed);
        }
        finally
        {
            FleetPools.Clear(member.Options);
        }
    }

    private static string? MissingFile(MigrationOptions options)
    {
        if (options.Kind != DatabaseKind.Sqlite || !Panel.Migrations.Execution.DatabaseSupport.Sqlite)
            return null;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
        var file = builder.DataSource;
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || file.Length == 0 || file == ":memory:" || System.IO.File.Exists(file) ? null : file;
    }

    // Where a database whose step failed stands (the pipeline rolled the step back): for the record, never for a decision.
    private static async Task<IReadOnlyList<string>?> WhereNowAsync(MigrationRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.CurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return null;
        }
    }
}
