using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// The pipeline's first two stages, plan and preflight: where the database is, the walk to the target, and every finding
/// that decides whether the run may go ahead. Nothing here writes: a refused run leaves no table, no row, no backup file.
/// </summary>
internal sealed class Planner(PipelineContext context, HistoryCheck history)
{
    private readonly HalfAppliedCheck _halfApplied = new(context, history);

    // The step that stopped part-way, checked against the catalog; null when there is none (or no log yet).
    public async Task<HalfAppliedStep?> FindHalfAppliedAsync(DatabaseState state, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        state.LogExists ? await _halfApplied.FindAsync(state.Heads, connection, transaction, cancellationToken).ConfigureAwait(false) : null;

    // What the version and log tables say. Reads only; the tables may not exist yet.
    public async Task<DatabaseState> ReadStateAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var versioned = await context.Versions.ExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var heads = versioned ? await context.Versions.ReadAsync(connection, transaction, cancellationToken, ensured: true).ConfigureAwait(false) : [];
        var logged = await context.Adapter.TableExistsAsync(connection, context.History.Name, transaction, cancellationToken).ConfigureAwait(false);
        return new DatabaseState(heads, versioned, logged);
    }

    // Every refusal and warning of a run from state to target, decided before anything is written. The connection is null
    // for a SQLite file that does not exist yet (nothing to read).
    public async Task<Preflight> PreflightAsync(MigrationDirection direction, string target, DatabaseState state, DbConnection? connection, DbTransaction? transaction,
                                                 CancellationToken cancellationToken)
    {
        var preflight = new Preflight(direction, target, state.Heads);
        // The log is read before anything asks for the map, which is still being built on another thread meanwhile; its
        // rows are compared with the code below, where the history check has always come.
        var logged = direction == MigrationDirection.Upgrade && state.LogExists && connection is not null
            ? await context.History.ReadLastDoneAsync(connection, transaction, cancellationToken).ConfigureAwait(false)
            : null;
        var unknown = state.Heads.Where(h => !context.Map.Graph.TryGet(h, out _)).ToArray();
        foreach (var head in unknown)
        {
            if (context.Map.Graph.SquashInside(head) is { } squash)
            {
                preflight.Refuse(PlanFindingKind.SquashedRevision, SquashedAwayMessage(head, squash));
                return preflight;
            }
        }
        if (unknown.Length > 0)
        {
            preflight.Refuse(PlanFindingKind.DatabaseNewerThanCode,
                $"Can't locate revision identified by '{unknown[0]}': {context.Options.DisplayName} is at {(unknown.Length == 1 ? "revision" : "revisions")} {string.Join(", ", unknown)}, which this build of the application does not know: " +
                "the database is newer than the code, or belongs to another application; nothing was changed. Deploy the build that has it (run 'history' to list the " +
                "revisions this one knows), or, if you are sure of the schema, record a known revision with 'stamp <revision> --purge'.");
            return preflight;
        }
        if (context.Map.Graph.OverlappingHeads(state.Heads) is { Count: > 0 } overlapping)
        {
            preflight.Refuse(PlanFindingKind.OverlappingVersionRows,
                $"The version table {context.Options.VersionTable} records {string.Join("; ", overlapping.Select(p => $"{p.Below} and its descendant {p.Above}"))}: " +
                "a revision and one below it on the same branch cannot both be current, so where the database stands is unclear; nothing was changed. " +
                $"Repair it with 'stamp <revision> --purge', naming the revision the schema is really at (probably {string.Join(", ", overlapping.Select(p => p.Above).Distinct())}).");
            return preflight;
        }
        try
        {
            preflight.Walk = direction == MigrationDirection.Upgrade ? context.Map.Graph.PlanUpgrade(state.Heads, target) : context.Map.Graph.PlanDowngrade(state.Heads, target);
        }
        catch (RevisionGraphException error)
        {
            if (context.Map.Graph.SquashInside(target) is { } squashed)
                error = new RevisionGraphException(error.Message + " " + GraphMessages.SquashedAway(target, squashed) +
                                                   $" A downgrade can stop at {squashed.End} or below the squash, not inside it.");
            preflight.Refuse(PlanFindingKind.UnknownTarget, error.Message, error);
            return preflight;
        }

        if (direction == MigrationDirection.Upgrade && preflight.Walk.Steps.Count == 0 && context.Map.Graph.BelowCurrentHeads(state.Heads, target).Count > 0)
        {
            var below = new RevisionGraphException(GraphMessages.UpgradeTargetBelowCurrent(target, state.Heads));
            preflight.Refuse(PlanFindingKind.UnknownTarget, below.Message, below);
            return preflight;
        }

        var steps = preflight.Walk.Steps;
        if (context.Options.TransactionMode == TransactionMode.WholeRun && !context.Adapter.Dialect.TransactionalDdl)
            preflight.Refuse(PlanFindingKind.TransactionModeRefused,
                $"TransactionMode.WholeRun keeps nothing of a failed run by rolling back one transaction, but {context.EngineName} commits every DDL statement " +
                "as it runs, so it cannot be honoured; nothing was changed. Use TransactionMode.PerMigration (the default): each migration then moves " +
                "the version table only after all its statements succeeded.");
        else if (context.Options.TransactionMode == TransactionMode.WholeRun && steps.FirstOrDefault(s => context.Map[s.Revision].Transaction == MigrationTransaction.None) is { } outside)
            preflight.Refuse(PlanFindingKind.TransactionModeRefused,
                $"Migration {context.Map[outside.Revision]} runs without a transaction (MigrationTransaction.None), which TransactionMode.WholeRun " +
                "cannot honour; nothing was changed. Use TransactionMode.PerMigration for this run.");

        if (preflight.IsRefused)
            return preflight; // refused whatever the database holds: no migration's code runs to look further

        if (state.Heads.Count == 0 && connection is not null)
        {
            foreach (var step in steps.Where(context.IsBaseUpgrade))
            {
                var existing = new List<string>();
                var operations = context.Describe(context.Map[step.Revision], MigrationDirection.Upgrade);
                preflight.Described[step.Revision] = operations;
                foreach (var create in operations.OfType<CreateTableOperation>())
                {
                    if (await context.Adapter.TableExistsAsync(connection, create.Name, transaction, cancellationToken).ConfigureAwait(false))
                        existing.Add(create.Name);
                }
                if (existing.Count > 0)
                    preflight.Refuse(PlanFindingKind.UnversionedSchema,
                        $"Could not determine current revision: {context.Options.DisplayName} has no version rows, but table(s) {string.Join(", ", existing.Take(5))} that revision " +
                        $"{step.Revision} creates already exist; nothing was changed. If this database was created without Panel.Migrations (e.g. by the application " +
                        $"itself), record its revision with 'stamp {step.Revision}' and run 'upgrade' again.");
            }
        }

        if (logged is not null)
        {
            preflight.History = history.Compare(logged);
            if (preflight.Changed.Count > 0)
            {
                var changed = preflight.Changed.Select(c => c.Changed).ToArray();
                if (context.Options.AcceptChangedMigrations)
                    preflight.Warn(PlanFindingKind.ChangedMigrations,
                        $"Accepting the changed migration(s) {string.Join(", ", changed.Select(c => c.Revision))}: their new checksums are recorded.");
                else
                    preflight.Refuse(PlanFindingKind.ChangedMigrations, MigrationRunner.ChangedMessage(changed, context.Options.DisplayName));
            }
        }

        if (steps.Count > 0 && connection is not null && await FindHalfAppliedAsync(state, connection, transaction, cancellationToken).ConfigureAwait(false) is { } half)
            Decide(preflight, half, direction);

        if (steps.Count > 0 && !context.Adapter.Dialect.TransactionalDdl)
            preflight.Warn(PlanFindingKind.NonTransactionalDdl,
                $"{context.EngineName} DDL is not transactional: each statement commits as it runs, so a migration that fails half-way stays " +
                $"half-applied. The version table moves only after a whole migration succeeded; progress is recorded in {context.History.Name}.");
        else if (steps.Where(s => context.Map[s.Revision].Transaction == MigrationTransaction.None).Select(s => s.Revision).ToArray() is { Length: > 0 } outsideTransactions)
            preflight.Warn(PlanFindingKind.NonTransactionalDdl,
                $"Migration(s) {string.Join(", ", outsideTransactions)} run without a transaction (MigrationTransaction.None): a failure half-way leaves the " +
                $"statements that ran applied; progress is recorded in {context.History.Name}.");
        return preflight;
    }

    // A database inside a squashed range whose migrations were deleted: this build cannot walk it to the end of the range.
    private string SquashedAwayMessage(string head, SquashedRange squash)
    {
        var below = context.Map[squash.End].DownRevisions;
        return $"{context.Options.DisplayName} is at revision {head}. " + GraphMessages.SquashedAway(head, squash) +
               $" The oldest revision this build can upgrade from is {squash.End}, the end of that range" +
               (below.Count == 0 ? " (or an empty database)" : $" (or {string.Join(", ", below)}, below the squash)") +
               $"; nothing was changed. Upgrade the database to {squash.End} with an earlier build that still has the replaced migrations, then run this one.";
    }

    // A half-applied step blocks every run (its statements stay applied under whatever runs next) unless the catalog shows
    // it undone (it starts over) or this run resumes it: the same direction, the step on the walk, the catalog agreeing.
    private void Decide(Preflight preflight, HalfAppliedStep half, MigrationDirection direction)
    {
        if (half.Undone)
        {
            preflight.Warn(PlanFindingKind.HalfAppliedStep, half.Message);
            return;
        }
        var onWalk = half.Direction == direction && preflight.Walk!.Steps.Any(s => s.Revision == half.Revision && s.Direction == half.Direction);
        if (context.Options.Resume && onWalk && half.CanResume)
        {
            preflight.Resume = half;
            preflight.Warn(PlanFindingKind.HalfAppliedStep,
                $"Resuming {(half.Direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade")} to {context.Map[half.Revision]} at statement {half.StatementsDone + 1} of " +
                $"{half.StatementsTotal}: the catalog shows statements 1-{half.StatementsDone} in effect, as its journal records.");
            return;
        }
        var why = !context.Options.Resume || half.CanResume ? ""
            : !onWalk ? $" (--resume continues it only with {(half.Direction == MigrationDirection.Upgrade ? "an upgrade" : "a downgrade")} that runs {half.Revision})" : "";
        preflight.Refuse(PlanFindingKind.HalfAppliedStep, half.Message + why);
    }

    // A step of the plan as data: the migration described and rendered, nothing run.
    public PlannedStep PlanStep(MigrationStep step)
    {
        var info = context.Map[step.Revision];
        var operations = context.Adapter.Expand(context.Describe(info, step.Direction));
        var statements = new List<string>();
        var rebuilt = new List<string>();
        var inPlace = new List<string>();
        // The SQLite library the run would use decides whether constraint changes go in place; read once per step.
        var live = context.Adapter.Dialect is SqliteDialect ? Batch.ConstraintAlter.LiveVersion(context.Adapter.CreateConnection(), context.Options) : null;
        foreach (var operation in operations)
        {
            var action = operation is BatchAlterTableOperation batch && context.Adapter.Dialect is SqliteDialect sqlite
                ? sqlite.Decide(batch, live) : SqliteBatchAction.Render;
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
            if (context.Adapter.RendersLive(operation))
            {
                statements.Add($"-- {operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal)} on {operation.Table}, rendered from the live schema when it runs");
                continue;
            }
            foreach (var statement in context.Adapter.Dialect.Render(operation))
                statements.Add(statement.OnlyIf is { } condition ? $"-- only where this is not 0: {condition.Sql}\n{statement.Sql}" : statement.Sql);
        }
        var transaction = !context.Adapter.Dialect.TransactionalDdl ? StepTransaction.NonTransactionalDdl
            : info.Transaction == MigrationTransaction.None ? StepTransaction.None : StepTransaction.Transactional;
        return new PlannedStep(info.Revision, info.Message, step.Direction, info.DownRevisions, transaction, statements, rebuilt, inPlace, step.HeadsAfter);
    }
}
