using System;
using System.Linq;

namespace Panel.Migrations;

/// <summary>Where and how a run migrates.</summary>
public sealed record MigrationOptions
{
    /// <summary>Options for a database given by its kind and provider connection string.</summary>
    public MigrationOptions(DatabaseKind kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = !string.IsNullOrWhiteSpace(connectionString)
            ? connectionString
            : throw new ArgumentException("A connection string is required, e.g. \"Data Source=data/default.db\".", nameof(connectionString));
    }

    /// <summary>The database kind.</summary>
    public DatabaseKind Kind { get; init; }

    /// <summary>The provider connection string (never logged: it may hold a password).</summary>
    public string ConnectionString { get; init; }

    /// <summary>The version table; Alembic's own name by default.</summary>
    public string VersionTable { get; init; } = "alembic_version";

    /// <summary>How steps are grouped into transactions.</summary>
    public TransactionMode TransactionMode { get; init; } = TransactionMode.PerMigration;

    /// <summary>How long to wait for another runner's lock before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one statement of a migration may run on PostgreSQL or MySQL before the client cancels it (the step then
    /// rolls back, or on MySQL stops, as any failure does). Null (the default) or zero sets no limit, whatever the connection
    /// string says: an index build or a data migration on a big table must not be cut off after the providers' usual
    /// 30 s. With a limit, PostgreSQL gets each statement by itself (each has its own limit) instead of a step's statements,
    /// and several steps, together in one round trip. On SQLite a statement waits for a busy database up to <see cref="LockTimeout"/> instead.
    /// </summary>
    public TimeSpan? CommandTimeout { get; init; }

    /// <summary>
    /// Upgrade even though an applied migration was edited since (its checksum in the migration log differs from the
    /// code's), recording the new checksum. Off by default: such an upgrade is refused, naming the revision.
    /// </summary>
    public bool AcceptChangedMigrations { get; init; }

    /// <summary>
    /// Continue a step that stopped part-way outside a transaction (MySQL/MariaDB, or <see cref="MigrationTransaction.None"/>)
    /// from its first statement not done, after checking from the catalog that the statements its journal records as done
    /// took effect and the others did not (<c>upgrade --resume</c>; docs/mysql.md). Without it such a step refuses every
    /// run. A run with nothing half-applied is not affected.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>
    /// With a downgrade: undo the statements of a half-applied upgrade step that took effect, newest first, by their known
    /// inverses (a column, index or table it made is dropped), after checking from the catalog that its journal is right;
    /// refused, naming what to undo by hand, when one has no known inverse (<c>downgrade --undo-partial</c>; docs/mysql.md).
    /// The target is ignored: nothing else is downgraded.
    /// </summary>
    public bool UndoPartial { get; init; }

    /// <summary>Retries of transient failures.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>
    /// Receives progress lines such as <c>Running upgrade 001 -> 3f2a9c1d7b10, add ssl column</c>, each as its step is sent to
    /// the database. On PostgreSQL up to 32 steps travel together in one round trip, so their lines come together, before
    /// the server has run them; a failure names the step it stopped at.
    /// </summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Receives the progress of SQLite table rebuilds (batch "move and copy"): the table and the rows to copy
    /// when the copy begins, the rows copied when it ends; a command line can show it.
    /// </summary>
    public Action<BatchProgress>? BatchProgress { get; init; }

    /// <summary>
    /// Receives the run's events as they happen: <see cref="RunStarting"/> once preflight passed, <see cref="BackupTaken"/>,
    /// <see cref="StepStarted"/> and <see cref="StepCommitted"/> per step, <see cref="TableRebuildProgress"/> during SQLite
    /// rebuilds. The command line prints them and the hosted service logs them; an app can do either.
    /// </summary>
    public Action<MigrationEvent>? Events { get; init; }

    /// <summary>
    /// The automatic backup taken before an upgrade or downgrade that has work to do, once preflight has passed; null (the
    /// default for options made in code) takes none. The command line and <c>AddPanelMigrations</c> set it from their
    /// <see cref="BackupPolicy"/> (<see cref="BackupOptions.For"/>). SQLite: an online copy; PostgreSQL: <c>pg_dump</c>; MySQL/MariaDB:
    /// <c>mariadb-dump</c> or <c>mysqldump</c> (docs/backups.md).
    /// </summary>
    public BackupOptions? Backup { get; init; }

    /// <summary>
    /// The SQLite library version the batch decision assumes instead of the connection's (null: the connection's). Tests
    /// set an older one to take the path a SQLite before 3.53 takes (a rebuild where 3.53 alters constraints in place).
    /// </summary>
    internal Version? SqliteLibraryVersion { get; init; }

    /// <summary>What to call the database in messages: its URI with the password masked, or its kind.</summary>
    public string DisplayName { get => _displayName ?? $"{Kind} database"; init => _displayName = value; }

    private string? _displayName;

    /// <summary>Options for the database of a <c>DATABASE_URI</c>.</summary>
    public static MigrationOptions FromUri(DatabaseUri uri)
    {
        var options = new MigrationOptions(uri.Kind, uri.ToConnectionString()) { DisplayName = uri.ToString() };
        // SQLite's ?timeout= (seconds, Python sqlite3's busy timeout) is how long to wait for a busy database: the lock
        // timeout here, which the adapter makes the busy timeout. (The factory has already checked the number.)
        return uri.Kind == DatabaseKind.Sqlite
               && uri.Query.LastOrDefault(p => p.Key == "timeout").Value is { } seconds
               && double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var wait)
            ? options with { LockTimeout = TimeSpan.FromSeconds(wait) }
            : options;
    }

    /// <summary>Options for a URI in SQLAlchemy's form, e.g. <c>sqlite:///data/default.db</c> or <c>postgresql://user:pass@host/db</c>.</summary>
    /// <exception cref="DatabaseUriException">The URI is malformed; the message shows the expected forms.</exception>
    public static MigrationOptions FromUri(string uri, string? baseDirectory = null) => FromUri(DatabaseUri.Parse(uri, baseDirectory));

    /// <summary>
    /// Options from the process environment: <c>DATABASE_URI</c> when set, otherwise the default of
    /// <c>ENVIRONMENT</c> (development: <c>sqlite:///data/default.db</c>).
    /// </summary>
    /// <exception cref="MigrationConfigurationException">The environment is unknown, or production has no DATABASE_URI.</exception>
    public static MigrationOptions FromEnvironment(Func<string, string?>? getVariable = null, string? baseDirectory = null) =>
        FromUri(MigrationSettings.FromEnvironment(getVariable, baseDirectory).DatabaseUri);

    /// <summary>Options for a SQLite file.</summary>
    public static MigrationOptions ForSqlite(string path) =>
        new(DatabaseKind.Sqlite, NeedsNoQuotes(path) ? "Data Source=" + path : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString());

    // A path a connection string holds as it is (the builder, which quotes the others, costs a deploy's run a few ms).
    private static bool NeedsNoQuotes(string path)
    {
        foreach (var c in path)
        {
            if (c is ';' or '=' or '\'' or '"' || char.IsWhiteSpace(c) || char.IsControl(c))
                return false;
        }
        return path.Length > 0;
    }

    /// <summary>Options for a PostgreSQL database given by an Npgsql connection string.</summary>
    public static MigrationOptions ForPostgreSql(string connectionString) => new(DatabaseKind.PostgreSql, connectionString);

    /// <summary>Options for a MySQL or MariaDB database given by a MySqlConnector connection string (<c>Server=...;Database=...;User ID=...;Password=...</c>).</summary>
    public static MigrationOptions ForMySql(string connectionString) => new(DatabaseKind.MySql, connectionString);

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName}, version table {VersionTable}";
}
