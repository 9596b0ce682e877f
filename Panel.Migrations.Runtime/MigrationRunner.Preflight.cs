using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

// The pipeline's first two stages, plan and preflight: where the database is, the walk to the target, and every finding
// that decides whether the run may go ahead. Nothing here writes: a refused run leaves no table, no row, no backup file.
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
        await using (var connection = await OpenExistingAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = connection is null ? DatabaseState.Empty : await ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
            preflight = await PreflightAsync(direction, target, state, connection, null, cancellationToken).ConfigureAwait(false);
        }
        var steps = preflight.Walk?.Steps.Select(PlanStep).ToArray() ?? [];
        return preflight.ToPlan(this, steps);
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

    // What the version and log tables say. Reads only; the tables may not exist yet.
    private async Task<DatabaseState> ReadStateAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var versioned = await _versions.ExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var heads = versioned ? await _versions.ReadAsync(connection, transaction, cancellationToken, ensured: true).ConfigureAwait(false) : [];
        var logged = await _adapter.TableExistsAsync(connection, History.Name, transaction, cancellationToken).ConfigureAwait(false);
        return new DatabaseState(heads, versioned, logged);
    }

    // Every refusal and warning of a run from state to target, decided before anything is written. The connection is null
    // for a SQLite file that does not exist yet (nothing to read).
    private async Task<Preflight> PreflightAsync(MigrationDirection direction, string target, DatabaseState state, DbConnection? connection, DbTransaction? transaction,
                                                 CancellationToken cancellationToken)
    {
        var preflight = new Preflight(direction, target, state.Heads);
        var unknown = state.Heads.Where(h => !Map.Graph.TryGet(h, out _)).ToArray();
        if (unknown.Length > 0)
        {
            preflight.Refuse(PlanFindingKind.DatabaseNewerThanCode,
                $"Can't locate revision identified by '{unknown[0]}': {Options.DisplayName} is at {(unknown.Length == 1 ? "revision" : "revisions")} {string.Join(", ", unknown)}, which this build of the application does not know: " +
                "the database is newer than the code, or belongs to another application; nothing was changed. Deploy the build that has it (run 'history' to list the " +
                "revisions this one knows), or, if you are sure of the schema, record a known revision with 'stamp <revision> --purge'.");
            return preflight;
        }
        if (Map.Graph.OverlappingHeads(state.Heads) is { Count: > 0 } overlapping)
        {
            preflight.Refuse(PlanFindingKind.OverlappingVersionRows,
                $"The version table {_options.VersionTable} records {string.Join("; ", overlapping.Select(p => $"{p.Below} and its descendant {p.Above}"))}: " +
                "a revision and one below it on the same branch cannot both be current, so where the database stands is unclear; nothing was changed. " +
                $"Repair it with 'stamp <revision> --purge', naming the revision the schema is really at (probably {string.Join(", ", overlapping.Select(p => p.Above).Distinct())}).");
            return preflight;
        }
        try
        {
            preflight.Walk = direction == MigrationDirection.Upgrade ? Map.Graph.PlanUpgrade(state.Heads, target) : Map.Graph.PlanDowngrade(state.Heads, target);
        }
        catch (RevisionGraphException error)
        {
            preflight.Refuse(PlanFindingKind.UnknownTarget, error.Message, error);
            return preflight;
        }

        var steps = preflight.Walk.Steps;
        if (_options.TransactionMode == TransactionMode.WholeRun && !_adapter.Dialect.TransactionalDdl)
            preflight.Refuse(PlanFindingKind.TransactionModeRefused,
                $"TransactionMode.WholeRun keeps nothing of a failed run by rolling back one transaction, but {EngineName} commits every DDL statement " +
                "as it runs, so it cannot be honoured; nothing was changed. Use TransactionMode.PerMigration (the default): each migration then moves " +
                "the version table only after all its statements succeeded.");
        else if (_options.TransactionMode == TransactionMode.WholeRun && steps.FirstOrDefault(s => Map[s.Revision].Transaction == MigrationTransaction.None) is { } outside)
            preflight.Refuse(PlanFindingKind.TransactionModeRefused,
                $"Migration {Map[outside.Revision]} runs without a transaction (MigrationTransaction.None), which TransactionMode.WholeRun " +
                "cannot honour; nothing was changed. Use TransactionMode.PerMigration for this run.");

        if (state.Heads.Count == 0 && connection is not null)
        {
            foreach (var step in steps.Where(IsBaseUpgrade))
            {
                var existing = new List<string>();
                var operations = Describe(Map[step.Revision], MigrationDirection.Upgrade);
                preflight.Described[step.Revision] = operations;
                foreach (var create in operations.OfType<CreateTableOperation>())
                {
                    if (await _adapter.TableExistsAsync(connection, create.Name, transaction, cancellationToken).ConfigureAwait(false))
                        existing.Add(create.Name);
                }
                if (existing.Count > 0)
                    preflight.Refuse(PlanFindingKind.UnversionedSchema,
                        $"Could not determine current revision: {Options.DisplayName} has no version rows, but table(s) {string.Join(", ", existing.Take(5))} that revision " +
                        $"{step.Revision} creates already exist; nothing was changed. If this database was created without Panel.Migrations (e.g. by the application " +
                        $"itself), record its revision with 'stamp {step.Revision}' and run 'upgrade' again.");
            }
        }

        if (direction == MigrationDirection.Upgrade && state.LogExists && connection is not null)
        {
            preflight.Changed = await ChangedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (preflight.Changed.Count > 0)
            {
                var changed = preflight.Changed.Select(c => c.Changed).ToArray();
                if (_options.AcceptChangedMigrations)
                    preflight.Warn(PlanFindingKind.ChangedMigrations,
                        $"Accepting the changed migration(s) {string.Join(", ", changed.Select(c => c.Revision))}: their new checksums are recorded.");
                else
                    preflight.Refuse(PlanFindingKind.ChangedMigrations, ChangedMessage(changed, _options.DisplayName));
            }
        }

        if (steps.Count > 0 && !_adapter.Dialect.TransactionalDdl)
            preflight.Warn(PlanFindingKind.NonTransactionalDdl,
                $"{EngineName} DDL is not transactional: each statement commits as it runs, so a migration that fails half-way stays " +
                $"half-applied. The version table moves only after a whole migration succeeded; progress is recorded in {History.Name}.");
        else if (steps.Where(s => Map[s.Revision].Transaction == MigrationTransaction.None).Select(s => s.Revision).ToArray() is { Length: > 0 } outsideTransactions)
            preflight.Warn(PlanFindingKind.NonTransactionalDdl,
                $"Migration(s) {string.Join(", ", outsideTransactions)} run without a transaction (MigrationTransaction.None): a failure half-way leaves the " +
                $"statements that ran applied; progress is recorded in {History.Name}.");
        return preflight;
    }

    // A step of the plan as data: the migration described and rendered, nothing run.
    private PlannedStep PlanStep(MigrationStep step)
    {
        var info = Map[step.Revision];
        var operations = _adapter.Expand(Describe(info, step.Direction));
        var statements = new List<string>();
        var rebuilt = new List<string>();
        var inPlace = new List<string>();
        foreach (var operation in operations)
        {
            var action = operation is BatchAlterTableOperation batch && _adapter.Dialect is SqliteDialect sqlite
                ? sqlite.Decide(batch, Batch.ConstraintAlter.LiveVersion(_adapter.CreateConnection())) : SqliteBatchAction.Render;
            if (action == SqliteBatchAction.Rebuild)
            {
                rebuilt.Add(operation.Table ?? "");
                statements.Add($"-- rebuild table {operation.Table} (SQLite batch \"move and copy\": new table, copy rows, drop, rename; indexes, triggers and views kept)");
                continue;
            }
            if (action == SqliteBatchAction.AlterConstraints)
            {
                inPlace.Add(operation.Table ?? "");
                statements.Add($"-- alter the constraints of table {operation.Table} in place (SQLite checks the rows and copies none)");
                continue;
            }
            if (_adapter.RendersLive(operation))
            {
                statements.Add($"-- {operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal)} on {operation.Table}, rendered from the live schema when it runs");
                continue;
            }
            foreach (var statement in _adapter.Dialect.Render(operation))
                statements.Add(statement.OnlyIf is { } condition ? $"-- only where this is not 0: {condition.Sql}\n{statement.Sql}" : statement.Sql);
        }
        var transaction = !_adapter.Dialect.TransactionalDdl ? StepTransaction.NonTransactionalDdl
            : info.Transaction == MigrationTransaction.None ? StepTransaction.None : StepTransaction.Transactional;
        return new PlannedStep(info.Revision, info.Message, step.Direction, info.DownRevisions, transaction, statements, rebuilt, inPlace, step.HeadsAfter);
    }

    // Opens the database only if it exists: a plan or a read of a SQLite file that is not there must not create it.
    private async Task<DbConnection?> OpenExistingAsync(CancellationToken cancellationToken) =>
        _options.Kind == DatabaseKind.Sqlite && Backups.AutomaticBackup.SqliteFile(_options.ConnectionString) is { } file && !System.IO.File.Exists(file)
            ? null
            : await OpenAsync(cancellationToken).ConfigureAwait(false);

    private sealed record DatabaseState(IReadOnlyList<string> Heads, bool VersionTableExists, bool LogExists)
    {
        public static readonly DatabaseState Empty = new([], false, false);
    }

    // The findings of one preflight and the walk they concern.
    private sealed class Preflight(MigrationDirection direction, string target, IReadOnlyList<string> heads)
    {
        private readonly List<PlanFinding> _findings = [];
        private Exception? _targetError;

        public RevisionWalk? Walk { get; set; }

        public List<(ChangedMigration Changed, string LogId)> Changed { get; set; } = [];

        // The operations of the base revisions preflight described to check for an unversioned schema.
        public Dictionary<string, IReadOnlyList<MigrationOperation>> Described { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Heads => heads;

        public IEnumerable<PlanFinding> Warnings => _findings.Where(f => !f.Blocks);

        public void Refuse(PlanFindingKind kind, string message, Exception? targetError = null)
        {
            _findings.Add(new PlanFinding(kind, message, Blocks: true));
            _targetError ??= targetError;
        }

        public void Warn(PlanFindingKind kind, string message) => _findings.Add(new PlanFinding(kind, message, Blocks: false));

        public MigrationPlan ToPlan(MigrationRunner runner, IReadOnlyList<PlannedStep> steps) =>
            new(direction, target, runner.Options.DisplayName, runner.Options.Kind, heads, Walk is { } walk && _findings.All(f => !f.Blocks) ? walk.HeadsAfter : heads,
                steps, _findings.ToArray());

        // A refused run throws here: a target the graph cannot resolve as the graph's own error (a usage error), any other
        // refusal as one MigrationRefusedException whose message joins them.
        public void ThrowIfRefused(MigrationRunner runner)
        {
            if (_targetError is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_targetError);
            if (_findings.Any(f => f.Blocks))
                throw new MigrationRefusedException(ToPlan(runner, []));
        }
    }
}
