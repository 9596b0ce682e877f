using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Batch;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
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
        // Both sorted ordinally: ReadAsync sorts the rows.
        return current.Count > 0 && current.SequenceEqual(_context.Heads.OrderBy(h => h, StringComparer.Ordinal), StringComparer.Ordinal) ? current : null;
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
        await using var session = await _context.Adapter.StartRunAsync(connection, cancellationToken).ConfigureAwait(false);
        if (direction == MigrationDirection.Downgrade && _context.Options.UndoPartial)
            return await UndoPartialAsync(connection, cancellationToken).ConfigureAwait(false);
        var replanWhenMoved = direction == MigrationDirection.Upgrade;
        RevisionWalk planFrom(IReadOnlyList<string> heads) =>
            direction == MigrationDirection.Upgrade ? Map.Graph.PlanUpgrade(heads, target) : Map.Graph.PlanDowngrade(heads, target);

        // On SQLite this transaction (BEGIN IMMEDIATE) is the lock, held from the first read to the tables' creation.
        Preflight? preflight = null;
        BackupTaken? backup = null;
        await _context.InTransactionAsync(connection, async (tx, ct) =>
        {
            var state = await _planner.ReadStateAsync(connection, tx, ct).ConfigureAwait(false);
            if (planned is not null && !state.Heads.SequenceEqual(planned.OrderBy(h => h, StringComparer.Ordinal), StringComparer.Ordinal))
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

    // The stage that applies the steps: per migration (each in its transaction, or journaled statement by statement where DDL
    // is not transactional) or the whole run in one transaction.
    private async Task<MigrationResult> ApplyWalkAsync(DbConnection connection, RevisionWalk walk, IReadOnlyList<string> before, Func<IReadOnlyList<string>, RevisionWalk> planFrom,
                                                       bool replanWhenMoved, IReadOnlyDictionary<string, IReadOnlyList<MigrationOperation>> preflightDescribed,
                                                       HalfAppliedStep? resume, List<AppliedStep> applied, CancellationToken cancellationToken)
    {
        DescribedStep describe(MigrationStep step) => DescribeStep(step, preflightDescribed);
        var reported = 0;
        void ReportCommitted()
        {
            while (reported < applied.Count)
                _context.Emit(new StepCommitted(applied[reported++]));
        }
        if (_context.Options.TransactionMode == TransactionMode.WholeRun)
        {
            IReadOnlyList<string> heads = [];
            RevisionWalk? whole = null;
            var preview = walk;
            using var previewed = PlanDescriptions.Start(preview.Steps, describe);
            // Only SQLite rebuilds tables; elsewhere the run need not wait for every step's description before it starts.
            var rebuilds = false;
            for (var i = 0; i < preview.Steps.Count && !rebuilds && _context.Adapter.Dialect is SqliteDialect; i++)
                rebuilds = _context.Rebuilds((await previewed.GetAsync(i).ConfigureAwait(false)).Operations).Any();
            await using var wholeRunForeignKeys = rebuilds ? await ForeignKeysOff.SwitchAsync(connection, cancellationToken).ConfigureAwait(false) : null;
            await _context.InTransactionAsync(connection, async (tx, ct) =>
            {
                heads = await _context.Versions.ReadAsync(connection, tx, ct, ensured: true).ConfigureAwait(false);
                whole = heads.SequenceEqual(before, StringComparer.Ordinal) ? walk : planFrom(heads);
                using var replanned = previewed.Describes(whole.Steps) ? null : PlanDescriptions.Start(whole.Steps, describe);
                var descriptions = replanned ?? previewed;
                var pipeline = PipelineFor(connection, tx);
                for (var i = 0; i < whole.Steps.Count; i++)
                {
                    var described = await descriptions.GetAsync(i).ConfigureAwait(false);
                    if (await TryQueueAsync(pipeline, whole.Steps[i], described, applied, ct).ConfigureAwait(false))
                        continue;
                    applied.Add(await ApplyAsync(whole.Steps[i], described, connection, tx, ct).ConfigureAwait(false));
                }
                if (pipeline is not null)
                    await pipeline.SendAsync(applied, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            ReportCommitted();
            return new MigrationResult(heads, whole!.HeadsAfter, applied);
        }

        var plan = walk;
        var expected = before;
        var descriptions = PlanDescriptions.Start(plan.Steps, describe);
        var pipeline = PipelineFor(connection, null);
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
                    if (await TryQueueAsync(pipeline, step, described, applied, cancellationToken).ConfigureAwait(false))
                    {
                        expected = step.HeadsAfter;
                        ReportCommitted();
                        continue;
                    }
                }
                catch (Exception) when (pipeline is { Count: > 0 } && !cancellationToken.IsCancellationRequested)
                {
                    // This step failed before any of its statements ran (its Up threw, or it cannot be rendered): the steps
                    // queued before it are good, so apply them, as a run that sends each step by itself would have.
                    await pipeline.SendAsync(applied, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                await using var foreignKeys = _context.Rebuilds(described.Operations).Any()
                    ? await ForeignKeysOff.SwitchAsync(connection, cancellationToken).ConfigureAwait(false) : null;
                if (!_context.Adapter.Dialect.TransactionalDdl || Map[step.Revision].Transaction == MigrationTransaction.None)
                    moved = !await TryApplyWithoutTransactionAsync(step, described, expected, applied, connection,
                                                                   resume is { } r && r.Revision == step.Revision && r.Direction == step.Direction ? r.StatementsDone : 0,
                                                                   cancellationToken).ConfigureAwait(false);
                else await _context.InTransactionAsync(connection, async (tx, ct) =>
                {
                    if (await HeadsMovedAsync(expected, connection, tx, ct).ConfigureAwait(false))
                    {
                        moved = true;
                        return;
                    }
                    applied.Add(await ApplyAsync(step, described, connection, tx, ct).ConfigureAwait(false));
                }, cancellationToken).ConfigureAwait(false);
                ReportCommitted();

                if (moved)
                {
                    var actual = await _context.Versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
                    if (!replanWhenMoved)
                        throw new MigrationException($"Another runner changed the database during this downgrade (heads are now {PipelineContext.HeadsText(actual)}, expected {PipelineContext.HeadsText(expected)}); nothing more was undone. Check 'current' and run the downgrade again.");
                    plan = planFrom(actual);
                    descriptions.Dispose();
                    descriptions = PlanDescriptions.Start(plan.Steps, describe);
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
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
        ReportCommitted();
        var after = _context.Adapter.LockSpansRun ? expected : await _context.Versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
        return new MigrationResult(before, after, applied);
    }

    // Whether another runner applied steps since this one planned. Where the lock spans the whole run (PostgreSQL, MySQL)
    // no other runner can have, and the query is saved; on SQLite each step's BEGIN IMMEDIATE is the lock, so re-read
    // under it. (A writer that takes no lock at all is caught by the version UPDATE's one-row check.)
    private async Task<bool> HeadsMovedAsync(IReadOnlyList<string> expected, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        !_context.Adapter.LockSpansRun
        && !(await _context.Versions.ReadAsync(connection, transaction, cancellationToken, ensured: true).ConfigureAwait(false)).SequenceEqual(expected, StringComparer.Ordinal);

    // Where the adapter pipelines steps (PostgreSQL), and no per-statement limit asks for them one by one.
    private StepPipeline? PipelineFor(DbConnection connection, DbTransaction? runTransaction) =>
        _context.Adapter.PipelinesSteps && !(_context.Adapter.StatementTimeoutSeconds > 0)
            ? new StepPipeline(_context.Adapter, _context.Versions, connection, runTransaction, (step, statement, error) => Failed(FailedText(step), error, statement))
            : null;

    // Queues a step that can travel with others, sending the queue when it is full; false (after sending the queue) for a
    // step that runs by itself: without a transaction, in need of the unversioned-schema check, a rebuild, or with a
    // statement that holds several commands or must first read its condition.
    private async Task<bool> TryQueueAsync(StepPipeline? pipeline, MigrationStep step, DescribedStep described, List<AppliedStep> applied, CancellationToken cancellationToken)
    {
        if (pipeline is null)
            return false;
        var info = Map[step.Revision];
        var statements = info.Transaction == MigrationTransaction.None || _context.Rebuilds(described.Operations).Any()
            ? null : _context.Render(described.Operations);
        if (statements is null || !StepPipeline.CanCarry(statements))
        {
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
            return false;
        }
        _context.Started(step);
        pipeline.Add(step, statements, _context.Versions.Statements(step.Change),
                     _context.History.RecordTimedByServer(info.Revision, step.Direction, described.Operations.Count, _history.Identity(step, described)));
        if (pipeline.IsFull)
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<AppliedStep> ApplyAsync(MigrationStep step, DescribedStep described, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var info = Map[step.Revision];
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        _context.Started(step);
        var failed = FailedText(step);
        // Everything is rendered before anything runs, so a rendering error changes nothing; a rebuild stays an operation.
        var actions = described.Operations.Select(o => _context.IsRebuild(o) ? (o, null) : (o, _context.Adapter.Dialect.Render(o))).ToList();
        // Consecutive statements go to the server together (one round trip where the provider batches, as Npgsql does); a
        // statement's condition, which must be read first, or a rebuild ends the group.
        var group = new List<SqlStatement>();
        foreach (var (operation, statements) in actions)
        {
            if (statements is null)
            {
                await RunGroupAsync(group, connection, transaction, failed, cancellationToken).ConfigureAwait(false);
                try
                {
                    SqliteTableRebuilder.Run((SqliteConnection)connection, (SqliteTransaction)transaction, (BatchAlterTableOperation)operation,
                                             (SqliteDialect)_context.Adapter.Dialect, _context.Options.Log, _context.RebuildProgress,
                                             Batch.ConstraintAlter.LiveVersion(connection, _context.Options));
                }
                catch (MigrationException error)
                {
                    throw new MigrationException($"{failed} {error.Message}", error);
                }
                continue;
            }
            foreach (var statement in statements)
            {
                if (statement.OnlyIf is { } condition)
                {
                    await RunGroupAsync(group, connection, transaction, failed, cancellationToken).ConfigureAwait(false);
                    if (await CountAsync(condition, connection, transaction, failed, cancellationToken).ConfigureAwait(false) == 0)
                        continue;
                }
                group.Add(statement);
            }
        }
        await RunGroupAsync(group, connection, transaction, failed, cancellationToken).ConfigureAwait(false);
        var record = _context.History.Record(info.Revision, step.Direction, actions.Count, _history.Identity(step, described), started, clock.Elapsed);
        await _context.Versions.ApplyAsync(step.Change, connection, transaction, cancellationToken, alongside: record).ConfigureAwait(false);
        return new AppliedStep(step.Revision, step.Direction, clock.Elapsed);
    }

    // Runs a step's statements gathered so far and empties the group; a failure names the statement the database refused.
    private async Task RunGroupAsync(List<SqlStatement> group, DbConnection connection, DbTransaction transaction, string failed, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
            return;
        await StatementBatch.RunAsync(_context.Adapter, connection, transaction, group, cancellationToken, _context.Adapter.StatementTimeoutSeconds,
                                      (statement, error) => Failed(failed, error, statement)).ConfigureAwait(false);
        group.Clear();
    }

    private static async Task<long> CountAsync(SqlStatement condition, DbConnection connection, DbTransaction transaction, string failed, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.CountAsync(condition, transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException error)
        {
            throw Failed(failed, error, condition);
        }
    }

    private string FailedText(MigrationStep step) =>
        $"{(step.Direction == MigrationDirection.Upgrade ? "Upgrade" : "Downgrade")} to {Map[step.Revision]} failed and was rolled back; the database stays at its previous revision.";

    private static MigrationException Failed(string failed, DbException error, SqlStatement? statement) =>
        new($"{failed} The database said: {error.Message} ({(statement is null ? "one of the statements sent together" : "statement: " + PipelineContext.Shorten(statement.Sql))}). " +
            "Fix the migration and run the command again.", error);

    // A step's operations and, for an upgrade, their checksum; called by the PlanDescriptions worker ahead of the run.
    // Preflight has described the base revisions it checked already; their upgrades take those operations instead of
    // calling Up again (Up runs once per step).
    private DescribedStep DescribeStep(MigrationStep step, IReadOnlyDictionary<string, IReadOnlyList<MigrationOperation>> described)
    {
        var operations = step.Direction == MigrationDirection.Upgrade && described.TryGetValue(step.Revision, out var known)
            ? known : _context.Describe(Map[step.Revision], step.Direction);
        return new DescribedStep(operations, step.Direction == MigrationDirection.Upgrade ? _history.Checksum(operations) : null);
    }

    /// <summary>The sentence a failed run's message ends with when an automatic backup was taken.</summary>
    internal static string BackupNote(string backup) =>
        $"The database as it was before this run is saved in {backup}; to go back to it, run the app's command line with: restore {Backups.BackupTool.QuoteArgument(backup)}";
}
