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

namespace Panel.Migrations.Pipeline;

/// <summary>
/// What the step executors of one run share: its connection, the steps applied so far (reported as they commit), each
/// step's description, and applying one step inside a transaction that the executor owns.
/// </summary>
internal sealed class StepApplier(PipelineContext context, HistoryCheck history, DbConnection connection,
                                  IReadOnlyDictionary<string, IReadOnlyList<MigrationOperation>> preflightDescribed, List<AppliedStep> applied)
{
    private int _reported;

    public PipelineContext Context => context;

    public HistoryCheck History => history;

    public DbConnection Connection => connection;

    /// <summary>The steps committed so far, in order (the run's result, and what a cancellation reports).</summary>
    public List<AppliedStep> Applied => applied;

    /// <summary>Emits <see cref="StepCommitted"/> for each step applied since the last call.</summary>
    public void ReportCommitted()
    {
        while (_reported < applied.Count)
            context.Emit(new StepCommitted(applied[_reported++]));
    }

    // A step's operations and, for an upgrade, their checksum; called by the PlanDescriptions worker ahead of the run.
    // Preflight has described the base revisions it checked already; their upgrades take those operations instead of
    // calling Up again (Up runs once per step).
    public DescribedStep Describe(MigrationStep step)
    {
        var operations = step.Direction == MigrationDirection.Upgrade && preflightDescribed.TryGetValue(step.Revision, out var known)
            ? known : context.Describe(context.Map[step.Revision], step.Direction);
        return new DescribedStep(operations, step.Direction == MigrationDirection.Upgrade ? history.Checksum(operations) : null);
    }

    // Whether another runner applied steps since this one planned. Where the lock spans the whole run (PostgreSQL, MySQL)
    // no other runner can have, and the query is saved; on SQLite each step's BEGIN IMMEDIATE is the lock, so re-read
    // under it. (A writer that takes no lock at all is caught by the version UPDATE's one-row check.)
    public async Task<bool> HeadsMovedAsync(IReadOnlyList<string> expected, DbTransaction? transaction, CancellationToken cancellationToken) =>
        !context.Adapter.LockSpansRun
        && !PipelineContext.SameHeads(await context.Versions.ReadAsync(connection, transaction, cancellationToken, ensured: true).ConfigureAwait(false), expected);

    // Where the adapter pipelines steps (PostgreSQL), and no per-statement limit asks for them one by one.
    public StepPipeline? PipelineFor(DbTransaction? runTransaction) =>
        context.Adapter.PipelinesSteps && !(context.Adapter.StatementTimeoutSeconds > 0)
            ? new StepPipeline(context.Adapter, context.Versions, connection, runTransaction, (step, statement, error) => Failed(FailedText(step), error, statement))
            : null;

    // Queues a step that can travel with others, sending the queue when it is full; false (after sending the queue) for a
    // step that runs by itself: without a transaction, in need of the unversioned-schema check, a rebuild, or with a
    // statement that holds several commands or must first read its condition.
    public async Task<bool> TryQueueAsync(StepPipeline? pipeline, MigrationStep step, DescribedStep described, CancellationToken cancellationToken)
    {
        if (pipeline is null)
            return false;
        var info = context.Map[step.Revision];
        var statements = info.Transaction == MigrationTransaction.None || context.Rebuilds(described.Operations).Any()
            ? null : context.Render(described.Operations);
        if (statements is null || !StepPipeline.CanCarry(statements))
        {
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
            return false;
        }
        context.Started(step);
        pipeline.Add(step, statements, context.Versions.Statements(step.Change),
                     context.History.RecordTimedByServer(info.Revision, step.Direction, described.Operations.Count, history.Identity(step, described)));
        if (pipeline.IsFull)
            await pipeline.SendAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs a step's statements, its version change and its log row in <paramref name="transaction"/>, and adds it to <see cref="Applied"/>.</summary>
    public async Task ApplyAsync(MigrationStep step, DescribedStep described, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var info = context.Map[step.Revision];
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        context.Started(step);
        var failed = FailedText(step);
        // Everything is rendered before anything runs, so a rendering error changes nothing; a rebuild stays an operation.
        var actions = described.Operations.Select(o => context.IsRebuild(o) ? (o, null) : (o, context.Adapter.Dialect.Render(o))).ToList();
        // Consecutive statements go to the server together (one round trip where the provider batches, as Npgsql does); a
        // statement's condition, which must be read first, or a rebuild ends the group.
        var group = new List<SqlStatement>();
        foreach (var (operation, statements) in actions)
        {
            if (statements is null)
            {
                await RunGroupAsync(group, transaction, failed, cancellationToken).ConfigureAwait(false);
                try
                {
                    SqliteTableRebuilder.Run((SqliteConnection)connection, (SqliteTransaction)transaction, (BatchAlterTableOperation)operation,
                                             (SqliteDialect)context.Adapter.Dialect, context.Options.Log, context.RebuildProgress,
                                             ConstraintAlter.LiveVersion(connection, context.Options));
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
                    await RunGroupAsync(group, transaction, failed, cancellationToken).ConfigureAwait(false);
                    if (await CountAsync(condition, transaction, failed, cancellationToken).ConfigureAwait(false) == 0)
                        continue;
                }
                group.Add(statement);
            }
        }
        await RunGroupAsync(group, transaction, failed, cancellationToken).ConfigureAwait(false);
        var record = context.History.Record(info.Revision, step.Direction, actions.Count, history.Identity(step, described), started, clock.Elapsed);
        await context.Versions.ApplyAsync(step.Change, connection, transaction, cancellationToken, alongside: record).ConfigureAwait(false);
        applied.Add(new AppliedStep(step.Revision, step.Direction, clock.Elapsed));
    }

    // Runs a step's statements gathered so far and empties the group; a failure names the statement the database refused.
    private async Task RunGroupAsync(List<SqlStatement> group, DbTransaction transaction, string failed, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
            return;
        await StatementBatch.RunAsync(context.Adapter, connection, transaction, group, cancellationToken, context.Adapter.StatementTimeoutSeconds,
                                      (statement, error) => Failed(failed, error, statement)).ConfigureAwait(false);
        group.Clear();
    }

    private async Task<long> CountAsync(SqlStatement condition, DbTransaction transaction, string failed, CancellationToken cancellationToken)
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
        $"{(step.Direction == MigrationDirection.Upgrade ? "Upgrade" : "Downgrade")} to {context.Map[step.Revision]} failed and was rolled back; the database stays at its previous revision.";

    private static MigrationException Failed(string failed, DbException error, SqlStatement? statement) =>
        new($"{failed} The database said: {error.Message} ({(statement is null ? "one of the statements sent together" : "statement: " + PipelineContext.Shorten(statement.Sql))}). " +
            "Fix the migration and run the command again.", error);
}
