using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Fleet;

/// <summary>
/// Where fleet runs keep their state: one row per database per run (status, revisions before and after, error, timings,
/// backup file) and one row per run, in an embedded SQLite file or in a PostgreSQL table that runners on several machines
/// share. Runners claim databases with <c>SELECT ... FOR UPDATE SKIP LOCKED</c> (on SQLite, one atomic <c>UPDATE</c>), each
/// for a lease they renew while they work; a runner that dies stops renewing, and another takes its claims over once the
/// lease has run out. Names are quoted, values travel as parameters, and no password is ever stored.
/// </summary>
public sealed partial class FleetState
{
    /// <summary>The default table of members (the runs go into the same name with <c>_runs</c> added).</summary>
    public const string DefaultTable = "panel_fleet";

    // Milliseconds since 1970: the same column type on both databases. PostgreSQL takes the time from the server, so the
    // leases of runners on several machines are compared on one clock.
    private const string PostgresNow = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private readonly string _connectionString;
    private readonly bool _postgres;
    private readonly string _members;
    private readonly string _runs;
    private readonly string _membersIndex;

    private FleetState(DatabaseKind kind, string connectionString, string display, string table)
    {
        _postgres = kind == DatabaseKind.PostgreSql;
        _connectionString = connectionString;
        Display = display;
        SqlDialect dialect = _postgres ? PostgreSqlDialect.Instance : SqliteDialect.Instance;
        _members = dialect.Quote(table);
        _runs = dialect.Quote(table + "_runs");
        _membersIndex = dialect.Quote(table + "_claim");
    }

    /// <summary>The state database with its password masked.</summary>
    public string Display { get; }

    /// <summary>Whether runners on several machines can share this state (PostgreSQL).</summary>
    public bool IsShared => _postgres;

    /// <summary>
    /// Opens (and creates when missing) the state in <paramref name="location"/>: a SQLite file path or <c>sqlite:///</c> URI,
    /// or a <c>postgresql://</c> URI whose database holds the table.
    /// </summary>
    /// <param name="location">The file or URI.</param>
    /// <param name="table">The members' table; the runs go into the same name with <c>_runs</c> added.</param>
    /// <param name="baseDirectory">What a relative file path is relative to.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <exception cref="DatabaseUriException">The location is not a SQLite file or a PostgreSQL URI.</exception>
    public static async Task<FleetState> OpenAsync(string location, string table = DefaultTable, string? baseDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var uri = location.Contains("://", StringComparison.Ordinal) || location.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            ? DatabaseUri.Parse(location, baseDirectory)
            : DatabaseUri.Parse("sqlite:///" + Path.GetFullPath(location, baseDirectory ?? Environment.CurrentDirectory));
        FleetState state;
        if (uri.Kind == DatabaseKind.Sqlite && uri.SqliteFilePath is { } file && DatabaseSupport.Sqlite)
        {
            if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
                Directory.CreateDirectory(folder);
            var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 60 };
            state = new FleetState(DatabaseKind.Sqlite, connection.ToString(), uri.ToString(), table);
        }
        else if (uri.Kind == DatabaseKind.PostgreSql && DatabaseSupport.PostgreSql)
        {
            state = new FleetState(DatabaseKind.PostgreSql, uri.ToConnectionString(), uri.ToString(), table);
        }
        else
        {
            throw new DatabaseUriException($"The fleet state goes into a SQLite file or a PostgreSQL database, not {uri}. Give a file path, sqlite:///path or postgresql://user:pass@host/db.");
        }

        await state.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two runners starting together would race on CREATE TABLE IF NOT EXISTS; on PostgreSQL one waits for the other.
        if (_postgres)
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@name))", cancellationToken, ("name", _members)).ConfigureAwait(false);
        else
            await ExecuteAsync(connection, transaction, "PRAGMA busy_timeout = 60000", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {_runs} (run_id TEXT NOT NULL PRIMARY KEY, target TEXT NOT NULL, waves TEXT NOT NULL, stop_rule TEXT NOT NULL, " +
            "source TEXT, members INTEGER NOT NULL, created_ms BIGINT NOT NULL, stopped TEXT)", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {_members} (run_id TEXT NOT NULL, member_key TEXT NOT NULL, position INTEGER NOT NULL, wave INTEGER NOT NULL, " +
            "display TEXT NOT NULL, status TEXT NOT NULL, revision_before TEXT, revision_after TEXT, steps INTEGER, error_kind TEXT, error TEXT, backup TEXT, " +
            "attempts INTEGER NOT NULL DEFAULT 0, runner TEXT, lease_until_ms BIGINT, started_ms BIGINT, finished_ms BIGINT, elapsed_ms BIGINT, " +
            "PRIMARY KEY (run_id, member_key))", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"CREATE INDEX IF NOT EXISTS {_membersIndex} ON {_members} (run_id, wave, status, position)", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (!_postgres)
        {
            // Several workers of one runner write at once; WAL lets the readers (status) go on meanwhile.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // PostgreSQL's driver is its provider package's; SQLite's behind its switch: a trimmed app carries only what it was published with.
        DbConnection connection = _postgres
            ? DatabaseProviders.For(DatabaseKind.PostgreSql).CreateConnection(_connectionString)
            : DatabaseSupport.Sqlite ? new SqliteConnection(_connectionString) : throw DatabaseSupport.NotCarried(DatabaseKind.Sqlite);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException error)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new MigrationException($"Cannot open the fleet state {Display}: {SecretMasker.MaskText(error.Message)}", error);
        }

        return connection;
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _postgres ? sql.Replace("@now", PostgresNow, StringComparison.Ordinal) : sql;
        if (!_postgres && sql.Contains("@now", StringComparison.Ordinal))
            Add(command, "now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken,
                                              params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }

    // One statement on a connection of its own: the workers of a runner share the state, not a connection.
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, sql, read, cancellationToken, parameters).ConfigureAwait(false);
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? Number(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : Convert.ToInt64(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Display;
}
