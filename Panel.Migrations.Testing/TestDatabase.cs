using System;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Testing;

/// <summary>
/// Where the test kit makes its throw-away databases: SQLite temp files (the default, nothing to set up), or new
/// databases on a PostgreSQL or MySQL/MariaDB server that the tests start. Each run gets its own database, removed
/// again afterwards, so tests can run in parallel and never see each other's tables.
/// </summary>
public sealed class TestDatabase
{
    private readonly MigrationOptions _server;

    private TestDatabase(MigrationOptions server) => _server = server;

    /// <summary>A new SQLite file in the temp folder for each run, deleted afterwards.</summary>
    public static TestDatabase Sqlite { get; } = new(new MigrationOptions(DatabaseKind.Sqlite, "Data Source=unused.db"));

    /// <summary>A new database for each run on this PostgreSQL server, dropped afterwards.</summary>
    /// <param name="serverConnectionString">An Npgsql connection string to any database of the server, for a role that may create databases (CREATEDB).</param>
    public static TestDatabase PostgreSql(string serverConnectionString)
    {
        PostgreSqlProvider.Register();
        return new(MigrationOptions.ForPostgreSql(Required(serverConnectionString)));
    }

    /// <summary>A new database (utf8mb4) for each run on this MySQL or MariaDB server, dropped afterwards.</summary>
    /// <param name="serverConnectionString">A MySqlConnector connection string for a user that may create and drop databases.</param>
    public static TestDatabase MySql(string serverConnectionString)
    {
        MySqlProvider.Register();
        return new(MigrationOptions.ForMySql(Required(serverConnectionString)));
    }

    /// <summary>The kind of database this makes.</summary>
    public DatabaseKind Kind => _server.Kind;

    /// <summary>Creates an empty database; dispose it to remove it.</summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public async Task<ThrowawayDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var database = new ThrowawayDatabase(await ScratchDatabase.CreateAsync(_server, cancellationToken, "panel_test_").ConfigureAwait(false));
        try
        {
            // A SQLite file comes into being when first opened: open it, so the empty database exists like a server's does.
            await (await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The kind of database, e.g. <c>PostgreSql</c> (never the connection string, which may hold a password).</summary>
    public override string ToString() => Kind.ToString();

    private static string Required(string connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException("Give the connection string of the database server the tests use, e.g. from an environment variable the test set-up fills.", nameof(connectionString))
            : connectionString;
}
