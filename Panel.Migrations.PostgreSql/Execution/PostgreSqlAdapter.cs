using System;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>
/// PostgreSQL: a session-level advisory lock, keyed by the version table, held for the whole run; the server
/// releases it when the connection ends, so a killed runner never leaves a lock behind.
/// </summary>
internal sealed class PostgreSqlAdapter : DatabaseAdapter
{
    public PostgreSqlAdapter(MigrationOptions options) : base(options)
    {
    }

    public override SqlDialect Dialect { get; } = new PostgreSqlDialect();

    protected override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";

    protected override string ColumnExistsSql =>
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @name";

    // A failed CREATE INDEX CONCURRENTLY leaves its index behind, marked invalid.
    protected override string IndexStateSql =>
        "SELECT COALESCE(MAX(CASE WHEN i.indisvalid AND i.indisready THEN 1 ELSE 2 END), 0) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
        "JOIN pg_class t ON t.oid = i.indrelid WHERE c.relname = @name AND t.relname = @table AND c.relnamespace = current_schema()::regnamespace";

    public override DbConnection CreateConnection() => new NpgsqlConnection(Options.ConnectionString);

    public override bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };

    // Npgsql's first message is an SSL request or the start-up packet; a MySQL server greets first, and Npgsql then
    // reads a reply it does not know.
    public override string? Explain(DbException error)
    {
        if (error is not NpgsqlException || !(error.Message.Contains("for SSLRequest", StringComparison.Ordinal) || error.Message.Contains("Unknown message code", StringComparison.Ordinal)))
            return null;
        var builder = new NpgsqlConnectionStringBuilder(Options.ConnectionString);
        return $"The server at {builder.Host}:{builder.Port} did not answer as PostgreSQL does ({error.Message.TrimEnd('.')}): is it a MySQL/MariaDB server, or another service? " +
               "Check the scheme and the port of DATABASE_URI; nothing was changed.";
    }

    // Npgsql sends a DbBatch in one round trip. (MySqlConnector's batch did not report each statement's rows on
    // MariaDB in our tests, so MySQL runs them one by one.)
    public override bool BatchesStatements => true;

    public override bool PipelinesSteps => true;

    // Npgsql leaves DbException.BatchCommand empty, but each statement the server completed has its command tag's type:
    // the first without one is the statement refused (the server runs none after it).
    public override int RefusedIndex(DbBatch batch, DbException error)
    {
        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i] is NpgsqlBatchCommand { StatementType: StatementType.Unknown })
                return i;
        }
        return base.RefusedIndex(batch, error);
    }

    public override async Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var key = LockKey(Options.VersionTable);
        var waited = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await connection.ScalarAsync(new SqlStatement("SELECT pg_try_advisory_lock(@key)", [new("key", key)]), null, cancellationToken).ConfigureAwait(false) is true)
                return new AdvisoryLock(connection, key);
            if (waited.Elapsed >= Options.LockTimeout)
                throw new MigrationException(
                    $"Another migration runner has held the lock on this database for {Options.LockTimeout.TotalSeconds:0} s; nothing was changed. " +
                    "Wait for it to finish, or raise MigrationOptions.LockTimeout; the lock ends by itself when that runner's connection closes.");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    // A stable 64-bit key (FNV-1a) so every runner of the same version table asks for the same lock.
    internal static long LockKey(string versionTable)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("panel.migrations:" + versionTable))
            hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }

    private sealed class AdvisoryLock(DbConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State != System.Data.ConnectionState.Open)
                return;
            await connection.ScalarAsync(new SqlStatement("SELECT pg_advisory_unlock(@key)", [new("key", key)]), null, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
