using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations;

/// <summary>
/// Applies the migrations of a <see cref="MigrationMap"/> to one database: plans with the revision graph,
/// renders with the dialect, runs it in transactions under a lock, and moves Alembic's version table.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly PipelineContext _context;
    private readonly Planner _planner;

    /// <summary>A runner for <paramref name="map"/> on the database of <paramref name="options"/>.</summary>
    public MigrationRunner(MigrationMap map, MigrationOptions options)
        : this(new Lazy<MigrationMap>(map ?? throw new ArgumentNullException(nameof(map))), map.Graph.Heads, options)
    {
    }

    /// <summary>
    /// A runner whose map is built only when a command needs it: the generated registry knows its heads at compile
    /// time, so an upgrade that finds the database already there never builds the map (one query, nothing else).
    /// </summary>
    /// <param name="map">Builds the migrations this runner applies; called at most once.</param>
    /// <param name="heads">The map's heads, as its graph would find them.</param>
    /// <param name="options">Where and how to migrate.</param>
    public MigrationRunner(Func<MigrationMap> map, IReadOnlyList<string> heads, MigrationOptions options)
        : this(new Lazy<MigrationMap>(map ?? throw new ArgumentNullException(nameof(map))), heads, options)
    {
    }

    private MigrationRunner(Lazy<MigrationMap> map, IReadOnlyList<string> heads, MigrationOptions options)
    {
        _context = new PipelineContext(map, heads ?? throw new ArgumentNullException(nameof(heads)), options ?? throw new ArgumentNullException(nameof(options)));
        _history = new HistoryCheck(_context);
        _planner = new Planner(_context, _history);
    }

    /// <summary>The migrations this runner applies.</summary>
    public MigrationMap Map => _context.Map;

    /// <summary>Where and how this runner migrates (its <see cref="MigrationOptions.DisplayName"/> masks the password).</summary>
    public MigrationOptions Options => _context.Options;

    /// <summary>Upgrades to <paramref name="target"/> (<c>head</c>, <c>heads</c>, a revision, <c>+N</c>, <c>label@head</c>, ...).</summary>
    /// <exception cref="RevisionGraphException">The target cannot be resolved from the current heads.</exception>
    /// <exception cref="MigrationRefusedException">
    /// Preflight refused the run (unversioned schema, edited migrations, a database newer than the code...); nothing was written.
    /// </exception>
    /// <exception cref="MigrationException">
    /// A step failed; it was rolled back and the version table names the last good revision. On MySQL/MariaDB (no
    /// transactional DDL) the version table still names the last good revision, but the failed step's statements that
    /// ran stay applied: the message lists them and says how to recover (docs/mysql.md).
    /// </exception>
    /// <remarks>
    /// A database already at <paramref name="target"/> (<c>head</c>, <c>heads</c> or the one head by name) costs one query
    /// and nothing else: no lock, no map, no history check (an upgrade with work to do checks the history first; <c>check</c>
    /// always does).
    /// </remarks>
    public Task<MigrationResult> UpgradeAsync(string target = "head", CancellationToken cancellationToken = default) =>
        RunAsync(MigrationDirection.Upgrade, target, null, cancellationToken);

    /// <summary>Downgrades to <paramref name="target"/> (<c>-1</c>, <c>base</c>, a revision, <c>label@rev</c>, ...).</summary>
    /// <exception cref="RevisionGraphException">The target is not a valid downgrade target from the current heads.</exception>
    /// <exception cref="MigrationRefusedException">Preflight refused the run; nothing was written.</exception>
    /// <exception cref="MigrationException">A step failed; it was rolled back.</exception>
    public Task<MigrationResult> DowngradeAsync(string target = "-1", CancellationToken cancellationToken = default) =>
        RunAsync(MigrationDirection.Downgrade, target, null, cancellationToken);

    /// <summary>The database's current heads (empty for a new database); the database is not changed.</summary>
    public async Task<IReadOnlyList<string>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _context.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        return connection is null ? [] : await _context.Versions.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="target"/> into the version table without running any migration.</summary>
    /// <param name="target">The revision(s) to record.</param>
    /// <param name="purge">Empty the version table first, e.g. when it names revisions this app does not know.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<MigrationResult> StampAsync(string target, bool purge = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await _context.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var runLock = await _context.Adapter.LockAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await _context.Adapter.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        // Planned before the version table is created, so an unknown revision is refused with nothing written.
        var before = await _context.Versions.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var plan = Map.Graph.PlanStamp(purge ? [] : before, target);
        await _context.Versions.EnsureAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (purge)
            await _context.Versions.PurgeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        // The schema is where the user says: an attempt that stopped part-way no longer speaks for it.
        if (await _context.Adapter.TableExistsAsync(connection, _context.History.Name, transaction, cancellationToken).ConfigureAwait(false))
            await _context.History.AbandonUnfinishedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var step in plan.Steps)
        {
            _context.Log($"Running stamp_revision {step.Change.UpdateFrom ?? string.Join(", ", step.Change.Delete)} -> {step.Change.UpdateTo ?? string.Join(", ", step.Change.Insert)}");
            await _context.Versions.ApplyAsync(step.Change, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MigrationResult(before, plan.HeadsAfter, []);
    }

    /// <summary>
    /// The SQL an upgrade or downgrade would run, as a script, without touching any database (offline <c>--sql</c>).
    /// Values are written as literals, so review the script before running it elsewhere.
    /// </summary>
    /// <param name="direction">Upgrade or downgrade.</param>
    /// <param name="target">The target revision.</param>
    /// <param name="fromHeads">The heads the database is assumed to be at; empty means a new database.</param>
    public string RenderScript(MigrationDirection direction, string target, IReadOnlyCollection<string>? fromHeads = null) =>
        OfflineScript.Render(_context, direction, target, fromHeads ?? []);

    // The database's heads when they already are the target's, else null (the full run decides). Reads without the lock:
    // committed version rows equal to the heads mean there is nothing to do whatever another runner is doing.
    private async Task<IReadOnlyList<string>?> AlreadyAtAsync(DbConnection connection, string target, CancellationToken cancellationToken)
    {
        var atHeads = target is "head" or "heads" || (_context.Heads.Count == 1 && target == _context.Heads[0]);
        if (!atHeads || (target == "head" && _context.Heads.Count != 1) || _context.Options.AcceptChangedMigrations)
            return null;
        IReadOnlyList<string> current;
        try
        {
            current = await _context.Versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or MigrationException)
        {
            return null; // no version table yet, or the query failed: the full run says what is wrong
        }
        return current.Count > 0 && PipelineContext.SameHeads(current, _context.Heads) ? current : null;
    }

    // The pipeline: plan and preflight under the lock (nothing written), the before-apply stage (the automatic backup), the
    // version and log tables ensured, then each step. A run of a plan passes the heads the plan began at.
    private async Task<MigrationResult> RunAsync(MigrationDirection direction, string target, IReadOnlyList<string>? planned, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedStep>();
        using var activity = MigrationTelemetry.Source.StartActivity(direction == MigrationDirection.Upgrade ? "panel.migrations upgrade" : "panel.migrations downgrade");
        activity?.SetTag("db.system.name", MigrationTelemetry.SystemName(_context.Options.Kind));
        activity?.SetTag("panel.migrations.target", target);
        try
        {
            var result = await RunStagesAsync(direction, target, planned, applied, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("panel.migrations.steps", result.Steps.Count);
            activity?.SetTag("panel.migrations.heads", PipelineContext.HeadsText(result.HeadsAfter));
            return result;
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is OperationCanceledException or DbException or MigrationException)
        {
            // A provider reports an interrupted statement in its own way (SQLite: error 9); whatever it says, the token decided.
            var cancelled = await CanceledAsync(error, applied, cancellationToken).ConfigureAwait(false);
            activity?.SetStatus(ActivityStatusCode.Error, cancelled.Message);
            throw cancelled;
        }
        catch (Exception error) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message); // messages mask passwords
            throw;
        }
    }

    // Says where the database stands after a cancellation: the version table, read on a new connection (the run's may be
    // closing), with a few seconds at most; the run's own token is cancelled already.
    private async Task<MigrationCanceledException> CanceledAsync(Exception error, List<AppliedStep> applied, CancellationToken cancelled)
    {
        IReadOnlyList<string>? heads;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            heads = await CurrentAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception readError) when (readError is DbException or MigrationException or OperationCanceledException)
        {
            heads = null;
        }
        var committed = applied.Count == 0
            ? "No step was committed."
            : $"{applied.Count} step(s) committed before it: {string.Join(", ", applied.Select(s => s.Revision))}.";
        // Where DDL is not transactional the failed step's message lists what it applied; elsewhere the running step rolled back.
        var running = error is MigrationException partly && !_context.Adapter.Dialect.TransactionalDdl
            ? partly.Message.TrimEnd()
            : "The step that was running, if any, was rolled back.";
        var where = heads is null
            ? "Run 'current' to see where the database is."
            : $"The database is at {PipelineContext.HeadsText(heads)}.";
        return new MigrationCanceledException($"Cancelled. {committed} {running} {where}", applied.ToArray(), heads, error, cancelled);
    }

    private async Task<MigrationResult> RunStagesAsync(MigrationDirection direction, string target, IReadOnlyList<string>? planned, List<AppliedStep> applied,
                                                       CancellationToken cancellationToken)
    {
        await using var connection = await _context.OpenAsync(cancellationToken).ConfigureAwait(false);
        // SQLite runs a statement to its end whatever the token says; sqlite3_interrupt stops it (and rolls its transaction back).
        using var interrupt = _context.Adapter.InterruptOnCancel(connection, cancellationToken);
        if (direction == MigrationDirection.Upgrade && planned is null && await AlreadyAtAsync(connection, target, cancellationToken).ConfigureAwait(false) is { } atTarget)
            return new MigrationResult(atTarget, atTarget, []);
        _context.StartBuildingMap();
        var waited = Stopwatch.GetTimestamp();
        await using var runLock = await _context.Adapter.LockAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_context.Adapter.LockSpansRun)
            MigrationTelemetry.RecordLockWait(_context.Options.Kind, Stopwatch.GetElapsedTime(waited));
        if (direction == MigrationDirection.Downgrade && _context.Options.UndoPartial)
            return await PartialUndo.RunAsync(_context, _planner, connection, cancellationToken).ConfigureAwait(false);
        var replanWhenMoved = direction == MigrationDirection.Upgrade;
        RevisionWalk planFrom(IReadOnlyList<string> heads) =>
            direction == MigrationDirection.Upgrade ? Map.Graph.PlanUpgrade(heads, target) : Map.Graph.PlanDowngrade(heads, target);

        // On SQLite this transaction (BEGIN IMMEDIATE) is the lock, held from the first read to the tables' creation.
        Preflight? preflight = null;
        BackupTaken? backup = null;
        await _context.InTransactionAsync(connection, async (tx, ct) =>
        {
            var state = await _planner.ReadStateAsync(connection, tx, ct).ConfigureAwait(false);
            if (planned is not null && !PipelineContext.SameHeads(state.Heads, planned))
                throw new MigrationException(
                    $"The database moved since the plan was made: it is at {PipelineContext.HeadsText(state.Heads)}, the plan began at {PipelineContext.HeadsText(planned)}; nothing was changed. Make the plan again.");
            preflight = await _planner.PreflightAsync(direction, target, state, connection, tx, ct).ConfigureAwait(false);
            preflight.ThrowIfRefused(_context);
            if (preflight.Walk!.IsEmpty && preflight.Changed.Count == 0)
                return;
            foreach (var warning in preflight.Warnings)
                _context.Log("WARNING: " + warning.Message);
            _context.Emit(new RunStarting(state.Heads, preflight.Walk.Steps.Count, preflight.Warnings.ToArray()));
            if (!preflight.Walk.IsEmpty)
                backup = await Backups.AutomaticBackup.TakeAsync(_context.Options, state.VersionTableExists, ct).ConfigureAwait(false);
            if (backup is not null)
                _context.Emit(backup);
            if (!state.VersionTableExists)
                await _context.Versions.EnsureAsync(connection, tx, ct).ConfigureAwait(false);
            await _context.History.EnsureAsync(connection, tx, ct).ConfigureAwait(false);
            await _history.RecordAsync(preflight.History, connection, tx, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        // Pruning (and the copies off the machine) happen once the backup stage's transaction, on SQLite the write lock, is over.
        if (backup is not null)
            await Backups.AutomaticBackup.AfterAsync(backup, _context.Options, _context.Log, _context.Emit, cancellationToken).ConfigureAwait(false);
        var before = preflight!.Heads;
        if (preflight.Walk!.IsEmpty)
            return new MigrationResult(before, before, []) { AcceptedChanges = preflight.Changed.Select(c => c.Changed).ToArray() };
        await using var session = await _context.Adapter.StartRunAsync(connection, preflight.Walk.Steps.Count, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyWalkAsync(connection, preflight.Walk, before, planFrom, replanWhenMoved, preflight.Described, preflight.Resume, applied, cancellationToken).ConfigureAwait(false) with
            {
                AcceptedChanges = preflight.Changed.Select(c => c.Changed).ToArray(),
                Backup = backup?.Path,
            };
        }
        catch (MigrationException error) when (backup is not null)
        {
            throw new MigrationException(error.Message.TrimEnd() + " " + BackupNote(backup.Path), error) { Backup = backup.Path };
        }
    }

    // The stage that applies the steps, by the executor of the run's transaction mode.
    private Task<MigrationResult> ApplyWalkAsync(DbConnection connection, RevisionWalk walk, IReadOnlyList<string> before, Func<IReadOnlyList<string>, RevisionWalk> planFrom,
                                                 bool replanWhenMoved, IReadOnlyDictionary<string, IReadOnlyList<MigrationOperation>> preflightDescribed,
                                                 HalfAppliedStep? resume, List<AppliedStep> applied, CancellationToken cancellationToken)
    {
        var steps = new StepApplier(_context, _history, connection, preflightDescribed, applied);
        return _context.Options.TransactionMode == TransactionMode.WholeRun
            ? WholeRunExecutor.RunAsync(steps, walk, before, planFrom, cancellationToken)
            : PerMigrationExecutor.RunAsync(steps, walk, before, planFrom, replanWhenMoved, resume, cancellationToken);
    }

    /// <summary>The sentence a failed run's message ends with when an automatic backup was taken.</summary>
    internal static string BackupNote(string backup) =>
        $"The database as it was before this run is saved in {backup}; to go back to it, run the app's command line with: restore {Backups.BackupTool.QuoteArgument(backup)}";
}
