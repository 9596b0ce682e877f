using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Schema;

/// <summary>
/// An empty database of the same kind as the live one, to build the revisions' schema in; it is removed again on
/// dispose, also after a failure. SQLite: a temp file. PostgreSQL: a new database <c>panel_drift_&lt;hex&gt;</c> on the
/// same server (from <c>template0</c>, so it starts empty), dropped <c>WITH (FORCE)</c>. MySQL/MariaDB: a new database
/// (utf8mb4) on the same server. A scratch database rather than a scratch schema inside the live one: the live
/// database is never written, not even for a moment, and a migration that names <c>public.</c> explicitly cannot reach
/// the live tables. The test kit makes its throw-away databases the same way, with its own name prefix.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly MigrationOptions _live;
    private readonly string _name;

    private ScratchDatabase(MigrationOptions live, MigrationOptions options, string name)
    {
        _live = live;
        Options = options;
        _name = name;
    }

    /// <summary>The live options pointed at the scratch database, without the command line's progress output.</summary>
    public MigrationOptions Options { get; }

    /// <summary>Creates the scratch database next to the live one.</summary>
    /// <param name="live">The live database; the scratch one is made next to it, on the same server.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <param name="prefix">The start of the scratch database's name (a random suffix follows).</param>
    public static async Task<ScratchDatabase> CreateAsync(MigrationOptions live, CancellationToken cancellationToken, string prefix = "panel_drift_")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..16];
        switch (live.Kind)
        {
            case DatabaseKind.Sqlite:
                var path = Path.Combine(Path.GetTempPath(), name + ".db");
                return new ScratchDatabase(live, Quiet(live, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()), path);

            case DatabaseKind.PostgreSql when DatabaseSupport.PostgreSql: // a trimmed app without PostgreSQL leaves Npgsql out
                try
                {
                    await ServerCommandAsync(live, $"CREATE DATABASE \"{name}\" TEMPLATE template0", cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    throw new MigrationException(
                        "Comparing schemas builds the revisions' schema in a scratch database on the same server, and this role may not create databases. "
                        + "Run it as a role with CREATEDB (ALTER ROLE <role> CREATEDB), e.g. the owner of the database.", e);
                }

                var scratch = new NpgsqlConnectionStringBuilder(live.ConnectionString) { Database = name, Pooling = false };
                return new ScratchDatabase(live, Quiet(live, scratch.ConnectionString), name);

            case DatabaseKind.MySql when DatabaseSupport.MySql:
                await MySqlServerCommandAsync(live, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken).ConfigureAwait(false);
                return new ScratchDatabase(live, Quiet(live, new MySqlConnectionStringBuilder(live.ConnectionString) { Database = name, Pooling = false }.ConnectionString), name);

            default:
                throw new MigrationException($"This app was published without {live.Kind} support, so no scratch database can be made on it.");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Options.Kind == DatabaseKind.Sqlite)
        {
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
                File.Delete(_name + suffix);
            return;
        }

        if (Options.Kind == DatabaseKind.MySql)
        {
            if (DatabaseSupport.MySql)
                await MySqlServerCommandAsync(_live, $"DROP DATABASE IF EXISTS `{_name}`", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (DatabaseSupport.PostgreSql)
            await ServerCommandAsync(_live, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
    }

    private static MigrationOptions Quiet(MigrationOptions live, string connectionString) =>
        live with { ConnectionString = connectionString, Log = null, BatchProgress = null, DisplayName = "scratch database" };

    // CREATE/DROP DATABASE run on a connection to the live database: they change the server, never the live database.
    private static async Task ServerCommandAsync(MigrationOptions live, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(live.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task MySqlServerCommandAsync(MigrationOptions live, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(live.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
