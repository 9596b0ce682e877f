using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>What differs between databases at run time: connections, the lock, transient failures.</summary>
internal abstract class DatabaseAdapter
{
    protected DatabaseAdapter(MigrationOptions options) => Options = options;

    protected MigrationOptions Options { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>A new, closed connection from the provider's pool.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Makes what a run that writes needs before its first connection (SQLite: the database file's folder).</summary>
    public virtual void PrepareToWrite()
    {
    }

    /// <summary>Checks a connection that has just opened (SQLite reads the file header here, so that a file that is not a database fails at once).</summary>
    public virtual Task VerifyOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A sentence for a provider error that names the database, the problem and the fix; null keeps the provider's text.</summary>
    public virtual string? Explain(DbException error) => null;

    /// <summary>Whether a failure is worth retrying (server starting, database busy).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>The SQL that counts the tables named <c>@table</c> in the connection's schema.</summary>
    protected abstract string TableExistsSql { get; }

    /// <summary>Whether <paramref name="table"/> exists in the connection's schema.</summary>
    public async Task<bool> TableExistsAsync(DbConnection connection, string table, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.CountAsync(new SqlStatement(TableExistsSql, [new("table", table)]), transaction, cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>The SQL that counts the columns named <c>@name</c> of table <c>@table</c> in the connection's schema.</summary>
    protected abstract string ColumnExistsSql { get; }

    /// <summary>
    /// The SQL that says of the index named <c>@name</c> on table <c>@table</c>: no row or 0 (absent), 1 (present), 2 (there
    /// but invalid).
    /// </summary>
    protected abstract string IndexStateSql { get; }

    /// <summary>What the catalog says of a table, column or index (reads only).</summary>
    public async Task<CatalogObjectState> ReadObjectAsync(DbConnection connection, StatementEffect effect, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (effect.Kind == CatalogObjectKind.Table)
            return await TableExistsAsync(connection, effect.Table, transaction, cancellationToken).ConfigureAwait(false) ? CatalogObjectState.Present : CatalogObjectState.Absent;
        var sql = effect.Kind == CatalogObjectKind.Column ? ColumnExistsSql : IndexStateSql;
        var found = await connection.CountAsync(new SqlStatement(sql, [new("table", effect.Table), new("name", effect.Name)]), transaction, cancellationToken).ConfigureAwait(false);
        return found switch
        {
            0 => CatalogObjectState.Absent,
            2 when effect.Kind == CatalogObjectKind.Index => CatalogObjectState.Incomplete,
            _ => CatalogObjectState.Present,
        };
    }

    /// <summary>
    /// Whether a failed statement certainly did not take effect: the server refused it and the session is still there. A
    /// timeout, a cancellation or a broken connection leaves it open (the statement may have committed).
    /// </summary>
    public virtual bool Refused(Exception error, DbConnection connection) =>
        error is DbException { InnerException: not System.TimeoutException and not System.OperationCanceledException } && connection.State == System.Data.ConnectionState.Open;

    /// <summary>
    /// Takes the lock that makes concurrent runners apply each migration once, for as long as the connection
    /// holds it; released by the database itself if the process dies.
    /// </summary>
    public abstract Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Session settings that suit a run of many short transactions, kept until the returned handle is disposed (which
    /// restores them); nothing by default. Called once the plan is known, with its number of steps.
    /// </summary>
    public virtual Task<IAsyncDisposable> StartRunAsync(DbConnection connection, int steps, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NothingToRelease.Instance);

    /// <summary>
    /// Stops the statement running on <paramref name="connection"/> when <paramref name="cancellationToken"/> is cancelled, for
    /// a provider that does not do it itself (dispose the result before the connection); null where the provider does.
    /// </summary>
    public virtual IDisposable? InterruptOnCancel(DbConnection connection, CancellationToken cancellationToken) => null;

    /// <summary>Whether <see cref="LockAsync"/> holds a lock for the whole run (else each step's transaction is the lock).</summary>
    public virtual bool LockSpansRun => true;

    /// <summary>The command timeout of a migration's own statements, in seconds (0: none); null keeps the provider's.</summary>
    public virtual int? StatementTimeoutSeconds =>
        Options.CommandTimeout is { } limit && limit > TimeSpan.Zero ? Math.Max(1, (int)Math.Ceiling(limit.TotalSeconds)) : 0;

    /// <summary>Whether the provider's <see cref="DbBatch"/> runs short statements in one round trip and reports each one's rows.</summary>
    public virtual bool BatchesStatements => false;

    /// <summary>
    /// Whether a run's steps can travel to the server several at a time (<see cref="StepPipeline"/>, PostgreSQL only): the
    /// provider batches, DDL is transactional and the lock spans the run, so no step needs to read the heads again.
    /// </summary>
    public virtual bool PipelinesSteps => false;

    /// <summary>Which statement of a failed <paramref name="batch"/> the database refused, if the provider says; else -1.</summary>
    public virtual int RefusedIndex(DbBatch batch, DbException error) => error.BatchCommand is { } refused ? batch.BatchCommands.IndexOf(refused) : -1;

    /// <summary>Begins a transaction that, on SQLite, already holds the write lock (BEGIN IMMEDIATE).</summary>
    public virtual async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Where DDL is not transactional: the operations in the order they run, each executed on its own (MySQL: a
    /// batch becomes its changes, which is all a batch is there).
    /// </summary>
    public virtual IReadOnlyList<MigrationOperation> Expand(IReadOnlyList<MigrationOperation> operations) => operations;

    /// <summary>Whether <paramref name="operation"/> can be rendered only just before it runs, from the live schema.</summary>
    public virtual bool RendersLive(MigrationOperation operation) => false;

    /// <summary>Renders an operation for which <see cref="RendersLive"/> is true, reading what it needs on <paramref name="connection"/>.</summary>
    public virtual Task<IReadOnlyList<SqlStatement>> RenderLiveAsync(MigrationOperation operation, DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(Dialect.Render(operation));

    public static DatabaseAdapter For(MigrationOptions options) => options.Kind switch
    {
        DatabaseKind.Sqlite => DatabaseSupport.Sqlite ? new SqliteAdapter(options) : throw DatabaseSupport.NotCarried(options.Kind),
        DatabaseKind.PostgreSql or DatabaseKind.MySql => DatabaseProviders.For(options.Kind).CreateAdapter(options),
        _ => throw new MigrationException($"{options.Kind} is not supported by this version of Panel.Migrations; use SQLite, PostgreSQL or MySQL."),
    };

    /// <summary>Nothing to release or restore (no run lock, no session setting).</summary>
    protected sealed class NothingToRelease : IAsyncDisposable
    {
        public static readonly NothingToRelease Instance = new();

        public ValueTask DisposeAsync() => default;
    }
}
