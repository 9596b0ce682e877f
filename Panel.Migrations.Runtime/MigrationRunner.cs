using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Batch;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

/// <summary>
/// Applies the migrations of a <see cref="MigrationMap"/> to one database: plans with the revision graph,
/// renders with the dialect, runs it in transactions under a lock, and moves Alembic's version table.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly Lazy<MigrationMap> _map;
    private readonly IReadOnlyList<string> _heads;
    private readonly MigrationOptions _options;
    private readonly DatabaseAdapter _adapter;
    private readonly VersionTable _versions;

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
        _map = map;
        _heads = heads ?? throw new ArgumentNullException(nameof(heads));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _adapter = DatabaseAdapter.For(options);
        _versions = new VersionTable(_adapter, options.VersionTable);
        History = new MigrationLog(_adapter.Dialect, options.VersionTable);
    }

    /// <summary>The migrations this runner applies.</summary>
    public MigrationMap Map => _map.Value;

    /// <summary>Where and how this runner migrates (its <see cref="MigrationOptions.DisplayName"/> masks the password).</summary>
    public MigrationOptions Options => _options;

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
        await using var connection = await OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        return connection is null ? [] : await _versions.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="target"/> into the version table without running any migration.</summary>
    /// <param name="target">The revision(s) to record.</param>
    /// <param name="purge">Empty the version table first, e.g. when it names revisions this app does not know.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<MigrationResult> StampAsync(string target, bool purge = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var runLock = await _adapter.LockAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = await _adapter.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        // Planned before the version table is created, so an unknown revision is refused with nothing written.
        var before = await _versions.ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var plan = Map.Graph.PlanStamp(purge ? [] : before, target);
        await _versions.EnsureAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (purge)
            await _versions.PurgeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var step in plan.Steps)
        {
            Log($"Running stamp_revision {step.Change.UpdateFrom ?? string.Join(", ", step.Change.Delete)} -> {step.Change.UpdateTo ?? string.Join(", ", step.Change.Insert)}");
            await _versions.ApplyAsync(step.Change, connection, transaction, cancellationToken).ConfigureAwait(false);
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
    public string RenderScript(MigrationDirection direction, string target, IReadOnlyCollection<string>? fromHeads = null)
    {
        var heads = fromHeads ?? [];
        var plan = direction == MigrationDirection.Upgrade ? Map.Graph.PlanUpgrade(heads, target) : Map.Graph.PlanDowngrade(heads, target);
        var script = new StringBuilder();
        if (heads.Count == 0)
            script.Append(_versions.CreateSql).Append(";\n\n");
        foreach (var step in plan.Steps)
        {
            script.Append("-- Running ").Append(Describe(step)).Append("\n\n");
            var operations = Describe(Map[step.Revision], step.Direction);
            if (Rebuilds(operations).FirstOrDefault() is { } rebuild)
                throw new MigrationException(
                    $"This operation cannot proceed in --sql mode: {Describe(step)} rebuilds table '{rebuild.TableName}' (SQLite batch \"move and copy\"), " +
                    "which reads the live table (columns, constraints, indexes, triggers) from the database. Run the upgrade against the database instead, " +
                    "or write the rebuild as op.Execute(...) statements for an offline script.");
            foreach (var statement in Render(operations))
            {
                if (statement.OnlyIf is { } condition)
                    script.Append("-- only where this is not 0: ").Append(Inline(condition)).Append('\n');
                script.Append(Inline(statement)).Append(";\n\n");
            }
            foreach (var (statement, _) in _versions.Statements(step.Change))
                script.Append(Inline(statement)).Append(";\n\n");
        }
        return script.ToString();
    }

    // The database's heads when they already are the target's, else null (the full run decides). Reads without the lock:
    // committed version rows equal to the heads mean there is nothing to do whatever another runner is doing.
    private async Task<IReadOnlyList<string>?> AlreadyAtAsync(DbConnection connection, string target, CancellationToken cancellationToken)
    {
        var atHeads = target is "head" or "heads" || (_heads.Count == 1 && target == _heads[0]);
        if (!atHeads || (target == "head" && _heads.Count != 1) || _options.AcceptChangedMigrations)
            return null;
        IReadOnlyList<string> current;
        try
        {
            current = await _versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or MigrationException)
        {
            return null; // no version table yet, or the query failed: the full run says what is wrong
        }
        // Both sorted ordinally: ReadAsync sorts the rows.
        return current.Count > 0 && current.SequenceEqual(_heads.OrderBy(h => h, StringComparer.Ordinal), StringComparer.Ordinal) ? current : null;
    }

    // The pipeline: plan and preflight under the lock (nothing written), the before-apply stage (the automatic backup), the
    // version and log tables ensured, then each step. A run of a plan passes the heads the plan began at.
    private async Task<MigrationResult> RunAsync(MigrationDirection direction, string target, IReadOnlyList<string>? planned, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (direction == MigrationDirection.Upgrade && planned is null && await AlreadyAtAsync(connection, target, cancellationToken).ConfigureAwait(false) is { } atTarget)
            return new MigrationResult(atTarget, atTarget, []);
        StartBuildingMap();
        await using var runLock = await _adapter.LockAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var session = await _adapter.StartRunAsync(connection, cancellationToken).ConfigureAwait(false);
        var replanWhenMoved = direction == MigrationDirection.Upgrade;
        RevisionWalk planFrom(IReadOnlyList<string> heads) =>
            direction == MigrationDirection.Upgrade ? Map.Graph.PlanUpgrade(heads, target) : Map.Graph.PlanDowngrade(heads, target);

        // On SQLite this transaction (BEGIN IMMEDIATE) is the lock, held from the first read to the tables' creation.
        Preflight? preflight = null;
        BackupTaken? backup = null;
        await InTransactionAsync(connection, async (tx, ct) =>
        {
            var state = await ReadStateAsync(connection, tx, ct).ConfigureAwait(false);
            if (planned is not null && !state.Heads.SequenceEqual(planned.OrderBy(h => h, StringComparer.Ordinal), StringComparer.Ordinal))
                throw new MigrationException(
                    $"The database moved since the plan was made: it is at {Heads(state.Heads)}, the plan began at {Heads(planned)}; nothing was changed. Make the plan again.");
            preflight = await PreflightAsync(direction, target, state, connection, tx, ct).ConfigureAwait(false);
            preflight.ThrowIfRefused(this);
            if (preflight.Walk!.IsEmpty && preflight.Changed.Count == 0)
                return;
            foreach (var warning in preflight.Warnings)
                Log("WARNING: " + warning.Message);
            Emit(new RunStarting(state.Heads, preflight.Walk.Steps.Count, preflight.Warnings.ToArray()));
            if (!preflight.Walk.IsEmpty)
                backup = Backups.AutomaticBackup.Take(_options);
            if (backup is not null)
                Emit(backup);
            if (!state.VersionTableExists)
                await _versions.EnsureAsync(connection, tx, ct).ConfigureAwait(false);
            await History.EnsureAsync(connection, tx, ct).ConfigureAwait(false);
            await AcceptChangedAsync(preflight.Changed, connection, tx, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var before = preflight!.Heads;
        if (preflight.Walk!.IsEmpty)
            return new MigrationResult(before, before, []) { AcceptedChanges = preflight.Changed.Select(c => c.Changed).ToArray() };
        try
        {
            return await ApplyWalkAsync(connection, preflight.Walk, before, planFrom, replanWhenMoved, preflight.Described, cancellationToken).ConfigureAwait(false) with
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
                                                       CancellationToken cancellationToken)
    {
        DescribedStep describe(MigrationStep step) => DescribeStep(step, preflightDescribed);
        var applied = new List<AppliedStep>();
        var reported = 0;
        void ReportCommitted()
        {
            while (reported < applied.Count)
                Emit(new StepCommitted(applied[reported++]));
        }
        if (_options.TransactionMode == TransactionMode.WholeRun)
        {
            IReadOnlyList<string> heads = [];
            RevisionWalk? whole = null;
            var preview = walk;
            using var previewed = PlanDescriptions.Start(preview.Steps, describe);
            // Only SQLite rebuilds tables; elsewhere the run need not wait for every step's description before it starts.
            var rebuilds = false;
            for (var i = 0; i < preview.Steps.Count && !rebuilds && _adapter.Dialect is SqliteDialect; i++)
                rebuilds = Rebuilds((await previewed.GetAsync(i).ConfigureAwait(false)).Operations).Any();
            await using var wholeRunForeignKeys = rebuilds ? await ForeignKeysOff.SwitchAsync(connection, cancellationToken).ConfigureAwait(false) : null;
            await InTransactionAsync(connection, async (tx, ct) =>
            {
                heads = await _versions.ReadAsync(connection, tx, ct, ensured: true).ConfigureAwait(false);
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
                await using var foreignKeys = Rebuilds(described.Operations).Any()
                    ? await ForeignKeysOff.SwitchAsync(connection, cancellationToken).ConfigureAwait(false) : null;
                if (!_adapter.Dialect.TransactionalDdl || Map[step.Revision].Transaction == MigrationTransaction.None)
                    moved = !await TryApplyWithoutTransactionAsync(step, described, expected, applied, connection, cancellationToken).ConfigureAwait(false);
                else await InTransactionAsync(connection, async (tx, ct) =>
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
                    var actual = await _versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
                    if (!replanWhenMoved)
                        throw new MigrationException($"Another runner changed the database during this downgrade (heads are now {Heads(actual)}, expected {Heads(expected)}); nothing more was undone. Check 'current' and run the downgrade again.");
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
        var after = _adapter.LockSpansRun ? expected : await _versions.ReadAsync(connection, null, cancellationToken, ensured: true).ConfigureAwait(false);
        return new MigrationResult(before, after, applied);
    }

    // Whether another runner applied steps since this one planned. Where the lock spans the whole run (PostgreSQL, MySQL)
    // no other runner can have, and the query is saved; on SQLite each step's BEGIN IMMEDIATE is the lock, so re-read
    // under it. (A writer that takes no lock at all is caught by the version UPDATE's one-row check.)
    private async Task<bool> HeadsMovedAsync(IReadOnlyList<string> expected, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        !_adapter.LockSpansRun
        && !(await _versions.ReadAsync(connection, transaction, cancellationToken, ensured: true).ConfigureAwait(false)).SequenceEqual(expected, StringComparer.Ordinal);

    // Where the adapter pipelines steps (PostgreSQL), and no per-statement limit asks for them one by one.
    private StepPipeline? PipelineFor(DbConnection connection, DbTransaction? runTransaction) =>
        _adapter.PipelinesSteps && !(_adapter.StatementTimeoutSeconds > 0)
            ? new StepPipeline(_adapter, _versions, connection, runTransaction, (step, statement, error) => Failed(FailedText(step), error, statement))
            : null;

    // Queues a step that can travel with others, sending the queue when it is full; false (after sending the queue) for a
    // step that runs by itself: without a transaction, in need of the unversioned-schema check, a rebuild, or with a
    // statement that holds several commands or must first read its condition.
    private async Task<bool> TryQueueAsync(StepPipeline? pipeline, MigrationStep step, DescribedStep described, List<AppliedStep> applied, CancellationToken cancellationToken)
    {
        if (pipeline is null)
            return false;
        var info = Map[step.Revision];
        var statements = info.Transaction == MigrationTransaction.None || Rebuilds(described.Operations).Any()
            ? null : Render(described.Operations);
        if (statements is null || !StepPipeline.CanCarry(statements))
        {
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
            return false;
        }
        Started(step);
        pipeline.Add(step, statements, _versions.Statements(step.Change),
                     History.RecordTimedByServer(info.Revision, step.Direction, described.Operations.Count, Identity(step, described)));
        if (pipeline.IsFull)
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool IsBaseUpgrade(MigrationStep step) => step.Direction == MigrationDirection.Upgrade && Map[step.Revision].DownRevisions.Count == 0;

    private async Task<AppliedStep> ApplyAsync(MigrationStep step, DescribedStep described, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var info = Map[step.Revision];
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        Started(step);
        var failed = FailedText(step);
        // Everything is rendered before anything runs, so a rendering error changes nothing; a rebuild stays an operation.
        var actions = described.Operations.Select(o => IsRebuild(o) ? (o, null) : (o, _adapter.Dialect.Render(o))).ToList();
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
                                             (SqliteDialect)_adapter.Dialect, _options.Log, RebuildProgress);
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
        var record = History.Record(info.Revision, step.Direction, actions.Count, Identity(step, described), started, clock.Elapsed);
        await _versions.ApplyAsync(step.Change, connection, transaction, cancellationToken, alongside: record).ConfigureAwait(false);
        return new AppliedStep(step.Revision, step.Direction, clock.Elapsed);
    }

    // Runs a step's statements gathered so far and empties the group; a failure names the statement the database refused.
    private async Task RunGroupAsync(List<SqlStatement> group, DbConnection connection, DbTransaction transaction, string failed, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
            return;
        await StatementBatch.RunAsync(_adapter, connection, transaction, group, cancellationToken, _adapter.StatementTimeoutSeconds,
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
        new($"{failed} The database said: {error.Message} ({(statement is null ? "one of the statements sent together" : "statement: " + Shorten(statement.Sql))}). " +
            "Fix the migration and run the command again.", error);

    // A step's operations and, for an upgrade, their checksum; called by the PlanDescriptions worker ahead of the run.
    // Preflight has described the base revisions it checked already; their upgrades take those operations instead of
    // calling Up again (Up runs once per step).
    private DescribedStep DescribeStep(MigrationStep step, IReadOnlyDictionary<string, IReadOnlyList<MigrationOperation>> described)
    {
        var operations = step.Direction == MigrationDirection.Upgrade && described.TryGetValue(step.Revision, out var known)
            ? known : Describe(Map[step.Revision], step.Direction);
        return new DescribedStep(operations, step.Direction == MigrationDirection.Upgrade ? Checksum(operations) : null);
    }

    // Up/Down only describe operations; calling them before the transaction means a throwing migration touches nothing.
    private IReadOnlyList<MigrationOperation> Describe(MigrationInfo info, MigrationDirection direction)
    {
        var builder = new MigrationBuilder(_options.Kind);
        var migration = info.Factory();
        if (direction == MigrationDirection.Upgrade)
            migration.Up(builder);
        else
            migration.Down(builder);
        return builder.Operations;
    }

    // SQLite batches that need a rebuild (move and copy); BatchRecreate.Never with such a change throws here, before any transaction.
    private IEnumerable<BatchAlterTableOperation> Rebuilds(IReadOnlyList<MigrationOperation> operations) =>
        operations.OfType<BatchAlterTableOperation>().Where(IsRebuild);

    private bool IsRebuild(MigrationOperation operation) =>
        operation is BatchAlterTableOperation batch && _adapter.Dialect is SqliteDialect sqlite && !sqlite.CanAlterInPlace(batch);

    private List<Dialects.SqlStatement> Render(IReadOnlyList<MigrationOperation> operations) =>
        operations.SelectMany(_adapter.Dialect.Render).ToList();

    private async Task InTransactionAsync(DbConnection connection, Func<DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await _adapter.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await work(transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // The map (the registry's revisions read and ordered: about 30 ms of a fresh process for 1,000 migrations) is built on
    // the thread pool while the connection opens and the lock is taken; whoever needs it first waits for it there.
    private void StartBuildingMap()
    {
        if (_map.IsValueCreated)
            return;
        ThreadPool.UnsafeQueueUserWorkItem(static map =>
        {
            try
            {
                _ = map.Value;
            }
            catch (Exception)
            {
                // The Lazy keeps the exception and throws it again where the map is used.
            }
        }, _map, preferLocal: false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _adapter.CreateConnection();
        try
        {
            await WithRetryAsync(async () => { await connection.OpenAsync(cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (DbException error)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new MigrationException($"Cannot connect to the {_options.Kind} database: {error.Message}. Check DATABASE_URI (or the connection string) and that the server is running.", error);
        }
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (Exception error) when (attempt < _options.Retry.MaxAttempts && _adapter.IsTransient(error))
            {
                await Task.Delay(_options.Retry.DelayAfter(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string Describe(MigrationStep step)
    {
        var info = Map[step.Revision];
        var parents = string.Join(", ", info.DownRevisions);
        var doc = info.Message.Length == 0 ? "" : ", " + info.Message;
        return step.Direction == MigrationDirection.Upgrade
            ? $"upgrade {parents} -> {info.Revision}{doc}"
            : $"downgrade {info.Revision} -> {parents}{doc}";
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    /// <summary>The sentence a failed run's message ends with when an automatic backup was taken.</summary>
    internal static string BackupNote(string backup) => $"The database as it was before this run is saved in {backup}; to go back to it, run: restore {backup}";

    private void Emit(MigrationEvent migrationEvent) => _options.Events?.Invoke(migrationEvent);

    // A step goes to the database: the progress line and the event say so.
    private void Started(MigrationStep step)
    {
        var description = Describe(step);
        Log("Running " + description);
        if (_options.Events is not null)
            Emit(new StepStarted(step.Revision, Map[step.Revision].Message, step.Direction, description));
    }

    private Action<BatchProgress>? RebuildProgress =>
        _options.Events is null ? _options.BatchProgress : progress =>
        {
            _options.BatchProgress?.Invoke(progress);
            Emit(new TableRebuildProgress(progress));
        };

    private static string Heads(IReadOnlyList<string> heads) => heads.Count == 0 ? "<base>" : string.Join(", ", heads);

    private static string Shorten(string sql) => sql.Length <= 200 ? sql : sql.Substring(0, 200) + "...";

    // Offline scripts only: parameters become literals so the script runs by itself.
    private string Inline(Dialects.SqlStatement statement)
    {
        if (statement.Arguments.Count == 0)
            return statement.Sql;
        var values = statement.Arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        return ParameterPattern().Replace(statement.Sql, m => values.TryGetValue(m.Groups[1].Value, out var v) ? _adapter.Dialect.RenderLiteral(v) : m.Value);
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterPattern();
}
