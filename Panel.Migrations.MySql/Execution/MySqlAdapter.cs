using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>
/// MySQL and MariaDB: a named user lock (<c>GET_LOCK</c>) held by the migrating connection for the whole run and
/// released by the server if that connection dies. DDL is not transactional, so the runner executes each statement
/// on its own and records its progress in the migration log; column changes are rendered from the live column.
/// </summary>
internal sealed class MySqlAdapter : DatabaseAdapter
{
    public MySqlAdapter(MigrationOptions options) : base(options)
    {
    }

    public override SqlDialect Dialect => MySqlDialect.Instance;

    protected override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table";

    protected override string ColumnExistsSql =>
        "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @name";

    protected override string IndexStateSql =>
        "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND INDEX_NAME = @name";

    // A command timeout or a cancellation ends in KILL QUERY, which a statement about to commit may outrun.
    public override bool Refused(Exception error, DbConnection connection) =>
        base.Refused(error, connection) && error is not MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.QueryInterrupted };

    public override DbConnection CreateConnection() => new MySqlConnection(Options.ConnectionString);

    // A server that is starting or restarting refuses connections for a moment; so does one at its connection limit.
    // A connect that timed out is not retried: the port answered but nothing greeted, which is another service there.
    public override bool IsTransient(Exception exception) =>
        !IsGreetingTimeout(exception)
        && exception is MySqlException { IsTransient: true } or MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ConnectionCountError };

    public override string? Explain(DbException error)
    {
        if (!IsGreetingTimeout(error))
            return null;
        var builder = new MySqlConnectionStringBuilder(Options.ConnectionString);
        return $"No MySQL/MariaDB server answered at {builder.Server}:{builder.Port} within {builder.ConnectionTimeout} s: something accepted the connection but did not " +
               "greet as MySQL does (a PostgreSQL server on that port?), or the server is overloaded. Check the scheme and the port of DATABASE_URI; " +
               "'?connect_timeout=SECONDS' sets how long to wait.";
    }

    // MySqlConnector reports a connect whose handshake never came as "Connect Timeout expired" over a command timeout.
    private static bool IsGreetingTimeout(Exception exception) =>
        exception is MySqlException { InnerException: MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired } };

    public override async Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var name = LockName(connection.Database, Options.VersionTable);
        var seconds = (int)Math.Max(0, Math.Ceiling(Options.LockTimeout.TotalSeconds));
        // GET_LOCK waits on the server; the command must outlive that wait. It returns 1 (got it), 0 (timed out) or NULL.
        var got = await connection.CountAsync(new SqlStatement("SELECT GET_LOCK(@name, @seconds)", [new("name", name), new("seconds", seconds)]), null,
                                              cancellationToken, timeoutSeconds: seconds + 30).ConfigureAwait(false);
        if (got == 1)
            return new UserLock(connection, name);
        var holder = await connection.ScalarAsync(new SqlStatement("SELECT IS_USED_LOCK(@name)", [new("name", name)]), null, cancellationToken).ConfigureAwait(false);
        throw new MigrationException(
            $"Another migration runner has held the lock on this database for {Options.LockTimeout.TotalSeconds:0} s (MySQL user lock '{name}'" +
            (holder is null ? "" : $", held by connection {holder}; see SHOW PROCESSLIST") + "); nothing was changed. " +
            "Wait for it to finish, or raise MigrationOptions.LockTimeout; the lock ends by itself when that runner's connection closes.");
    }

    public override IReadOnlyList<MigrationOperation> Expand(IReadOnlyList<MigrationOperation> operations) =>
        operations.SelectMany(o => o is BatchAlterTableOperation batch ? batch.Operations : [o]).ToArray();

    public override bool RendersLive(MigrationOperation operation) =>
        operation is AlterColumnOperation alter && MySqlDialect.NeedsExistingColumn(alter);

    public override async Task<IReadOnlyList<SqlStatement>> RenderLiveAsync(MigrationOperation operation, DbConnection connection, CancellationToken cancellationToken)
    {
        if (operation is not AlterColumnOperation alter || !MySqlDialect.NeedsExistingColumn(alter))
            return Dialect.Render(operation);
        var existing = await ReadColumnAsync(connection, alter.TableName, alter.Column, cancellationToken).ConfigureAwait(false);
        return MySqlDialect.Instance.RenderAlterColumn(alter, existing);
    }

    /// <summary>The user-lock name of a database's version table: at most 64 characters, as MySQL requires, and server-wide unique.</summary>
    internal static string LockName(string database, string versionTable)
    {
        var hash = Sha256.Hash(Encoding.UTF8.GetBytes(database + "\0" + versionTable));
        return "panel_migrations." + Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
    }

    // information_schema.COLUMNS, read with a plain reader (no reflection). MariaDB writes defaults as SQL
    // ('text', 0, current_timestamp(), NULL); MySQL writes the bare value and marks expressions DEFAULT_GENERATED.
    private static async Task<MySqlExistingColumn> ReadColumnAsync(DbConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        await using var command = Commands.Create(connection, new SqlStatement(
            "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, " +
            "COALESCE(GENERATION_EXPRESSION, ''), VERSION() FROM information_schema.COLUMNS " +
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @column", [new("table", table), new("column", column)]), null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new MigrationException($"Table '{table}' has no column '{column}' in database '{connection.Database}', so it cannot be altered; check the names in the migration.");
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var extra = Text(3) ?? "";
        if (Text(7) is { Length: > 0 } || extra.Contains("GENERATED", StringComparison.OrdinalIgnoreCase) && !extra.Contains("DEFAULT_GENERATED", StringComparison.OrdinalIgnoreCase))
            throw new MigrationException($"Column '{column}' of table '{table}' is a generated column; alter it with op.Execute(\"ALTER TABLE ... MODIFY ...\") stating its expression.");
        var mariaDb = (Text(8) ?? "").Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var onUpdateAt = extra.IndexOf("on update ", StringComparison.OrdinalIgnoreCase);
        return new MySqlExistingColumn(
            ColumnType: Text(0)!,
            Nullable: string.Equals(Text(1), "YES", StringComparison.OrdinalIgnoreCase),
            DefaultSql: DefaultSql(Text(2), extra, mariaDb),
            AutoIncrement: extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase),
            OnUpdate: onUpdateAt < 0 ? null : extra.Substring(onUpdateAt + "on update ".Length).Trim(),
            Comment: Text(4) is { Length: > 0 } comment ? comment : null,
            CharacterSet: Text(5),
            Collation: Text(6));
    }

    private static string? DefaultSql(string? columnDefault, string extra, bool mariaDb)
    {
        if (columnDefault is null || (mariaDb && columnDefault.Equals("NULL", StringComparison.OrdinalIgnoreCase)))
            return null;
        if (mariaDb)
            return columnDefault;
        if (extra.Contains("DEFAULT_GENERATED", StringComparison.OrdinalIgnoreCase))
            return columnDefault.StartsWith("CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase) ? columnDefault : "(" + columnDefault + ")";
        return MySqlDialect.Instance.RenderLiteral(columnDefault);
    }

    private sealed class UserLock(DbConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State != System.Data.ConnectionState.Open)
                return;
            await connection.ScalarAsync(new SqlStatement("SELECT RELEASE_LOCK(@name)", [new("name", name)]), null, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
