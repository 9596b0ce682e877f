using System;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>
/// SQLite: every step runs in a BEGIN IMMEDIATE transaction, which is the lock. SQLite waits for a busy
/// database up to the lock timeout, and the OS releases the lock if the process dies: no lock row to clean up.
/// </summary>
internal sealed class SqliteAdapter : DatabaseAdapter
{
    private readonly string _file;
    private readonly string? _folder;

    public SqliteAdapter(MigrationOptions options) : base(options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        _file = builder.DataSource;
        // Where a run that writes makes the folder; none for memory databases and file: URIs.
        _folder = string.IsNullOrEmpty(_file) || _file == ":memory:" || builder.Mode == SqliteOpenMode.Memory || _file.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : Path.GetDirectoryName(Path.GetFullPath(_file));
    }

    public override SqlDialect Dialect { get; } = new SqliteDialect();

    protected override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    protected override string ColumnExistsSql => "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @name";

    protected override string IndexStateSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = @name AND tbl_name = @table";

    // The lock timeout is set on each connection rather than written into the string: building a connection string costs
    // a run more. Microsoft.Data.Sqlite waits for a busy database up to it (every command and BEGIN IMMEDIATE).
    public override DbConnection CreateConnection() =>
        new SqliteConnection(Options.ConnectionString) { DefaultTimeout = (int)Math.Ceiling(Options.LockTimeout.TotalSeconds) };

    // Reading the header makes a file that is not a database (error 26) or a damaged one fail here, where the error is
    // explained, rather than at the first query.
    public override Task VerifyOpenedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ScalarAsync(new SqlStatement("PRAGMA schema_version"), null, cancellationToken);

    public override string? Explain(DbException error) =>
        error is SqliteException sqlite ? ExplainError(sqlite, _file) : null;

    /// <summary>SQLite's numbered errors that a user meets with a wrong or broken file, as sentences naming the file and the fix.</summary>
    public static string? ExplainError(SqliteException error, string file) => error.SqliteErrorCode switch
    {
        26 => $"{file} is not a SQLite database (SQLite error 26: file is not a database); nothing was changed. Check DATABASE_URI: it names some other kind of file.",
        11 => $"The SQLite database {file} is damaged (SQLite error 11: database disk image is malformed); nothing was changed. " +
              "Restore the newest backup with 'restore <backup file>' (they are in the backups folder beside it), or salvage what is left with sqlite3's '.recover'.",
        14 when Directory.Exists(file) => $"{file} is a folder, not a SQLite database file (SQLite error 14); nothing was changed. Point DATABASE_URI at the database file inside it.",
        14 => $"Cannot open the SQLite database {file} (SQLite error 14: unable to open database file); nothing was changed. " +
              "Check that its folder exists and that this user may read and write the file and its folder.",
        8 => $"The SQLite database {file} is read-only for this process (SQLite error 8); nothing was changed. Give this user write access to the file and its folder.",
        5 or 6 => $"The SQLite database {file} is locked (SQLite error {error.SqliteErrorCode}: {(error.SqliteErrorCode == 5 ? "database is locked" : "database table is locked")}): " +
                  "the panel or another tool is using it; nothing was changed. Stop it or wait, then run the command again.",
        _ => null,
    };

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6) pass once the other writer commits.
    public override bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    public override Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NothingToRelease.Instance);

    public override bool LockSpansRun => false;

    // Microsoft.Data.Sqlite checks the token only before a statement starts; a table copy or a long UPDATE would run to its
    // end. sqlite3_interrupt makes the running statement return SQLITE_INTERRUPT at once, and SQLite rolls its transaction
    // back. Safe from another thread while the connection is open: the registration is disposed before the connection.
    public override IDisposable? InterruptOnCancel(DbConnection connection, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state =>
            {
                if (((SqliteConnection)state!).Handle is { } handle)
                    SQLitePCL.raw.sqlite3_interrupt(handle);
            }, connection)
            : null;

    // Each step commits, and in SQLite's default rollback-journal mode (DELETE) every commit deletes the journal file that
    // the next step creates again. PERSIST keeps the file and zeroes its header instead: as safe (a crash leaves a journal
    // that the next opener rolls back, as before), with no file created and deleted per step. The mode belongs to this
    // connection only; other connections keep theirs, and a database in any mode but DELETE (WAL above all, which the
    // switch would convert) is left alone. Back to DELETE at the end, which removes the file. A run of one step gains
    // nothing: its commit creates the journal either way, and PERSIST's zeroing of the header costs one more fsync.
    public override async Task<IAsyncDisposable> StartRunAsync(DbConnection connection, int steps, CancellationToken cancellationToken)
    {
        if (steps < 2)
            return NothingToRelease.Instance;
        var mode = await connection.ScalarAsync(new SqlStatement("PRAGMA journal_mode"), null, cancellationToken).ConfigureAwait(false) as string;
        if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
            return NothingToRelease.Instance;
        await connection.ExecuteAsync(new SqlStatement("PRAGMA journal_mode = PERSIST"), null, cancellationToken).ConfigureAwait(false);
        return new DeleteJournalAgain(connection);
    }

    private sealed class DeleteJournalAgain(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State == System.Data.ConnectionState.Open)
                await connection.ExecuteAsync(new SqlStatement("PRAGMA journal_mode = DELETE"), null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Microsoft.Data.Sqlite spends a command's timeout waiting for a busy database, which DefaultTimeout (the lock timeout) already sets.
    public override int? StatementTimeoutSeconds => null;

    // BEGIN IMMEDIATE takes the write lock; SQLite itself waits for it up to the busy timeout (the lock timeout).
    public override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await ((SqliteConnection)connection).BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException error) when (IsTransient(error))
        {
            throw new MigrationException(
                $"The SQLite database is locked by another writer and stayed locked for {Options.LockTimeout.TotalSeconds:0} s; nothing was changed. " +
                "Wait for the other runner (or the panel) to finish writing, or raise MigrationOptions.LockTimeout.", error);
        }
    }

    // A fresh machine has no data/ folder yet; SQLite creates the file but not its folder. Only a run that writes asks for
    // it: a read of a mistyped path must not leave a folder behind.
    public override void PrepareToWrite()
    {
        if (!string.IsNullOrEmpty(_folder))
            Directory.CreateDirectory(_folder);
    }
}
