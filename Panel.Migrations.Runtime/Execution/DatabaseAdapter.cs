using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>What differs between databases at run time: connections, the lock, transient failures.</summary>
internal abstract class DatabaseAdapter
{
    protected DatabaseAdapter(MigrationOptions options) => Options = options;

    protected MigrationOptions Options { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>A new, closed connection from the provider's pool.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Whether a failure is worth retrying (server starting, database busy).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>The SQL that tells whether the version table exists, with parameter <c>@table</c>.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>
    /// Takes the lock that makes concurrent runners apply each migration once, for as long as the connection
    /// holds it; released by the database itself if the process dies.
    /// </summary>
    public abstract Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a transaction that, on SQLite, already holds the write lock (BEGIN IMMEDIATE).</summary>
    public virtual async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public static DatabaseAdapter For(MigrationOptions options) => options.Kind switch
    {
        DatabaseKind.Sqlite => new SqliteAdapter(options),
        DatabaseKind.PostgreSql => new PostgreSqlAdapter(options),
        _ => throw new MigrationException($"{options.Kind} is not supported by this version of Panel.Migrations; use SQLite or PostgreSQL."),
    };

    /// <summary>Nothing to release.</summary>
    protected sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => default;
    }
}
