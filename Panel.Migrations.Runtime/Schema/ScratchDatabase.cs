using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Schema;

/// <summary>
/// An empty database of the same kind as the live one, to build the revisions' schema in; it is removed again on
/// dispose, also after a failure. SQLite: a temp file. PostgreSQL: a new database <c>panel_drift_&lt;yyyyMMddHHmmss&gt;_&lt;hex&gt;</c> on the
/// same server (from <c>template0</c>, so it starts empty; the time in the name lets the next run drop one that a killed
/// process left behind), dropped <c>WITH (FORCE)</c>. MySQL/MariaDB: a new database
/// (utf8mb4) on the same server. A scratch database rather than a scratch schema inside the live one: the live
/// database is never written, not even for a moment, and a migration that names <c>public.</c> explicitly cannot reach
/// the live tables. The test kit makes its throw-away databases the same way, with its own name prefix.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private const string StampFormat = "yyyyMMddHHmmss";

    // Older than this, a scratch database is a left-over of a killed process (a restore into one can take hours).
    private static readonly TimeSpan LeftOverAge = TimeSpan.FromDays(1);

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
        var name = prefix + DateTime.UtcNow.ToString(StampFormat, CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        if (live.Kind != DatabaseKind.Sqlite)
            await DropLeftOversAsync(live, prefix, cancellationToken).ConfigureAwait(false);
        switch (live.Kind)
        {
            case DatabaseKind.Sqlite:
                var path = Path.Combine(Path.GetTempPath(), name + ".db");
                return new ScratchDatabase(live, Quiet(live, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()), path);

            case DatabaseKind.PostgreSql:
                try
                {
                    await ServerCommandAsync(live, $"CREATE DATABASE \"{name}\" TEMPLATE template0", cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (DatabaseProviders.For(live.Kind).MayNotCreateDatabases(e))
                {
                    throw new MigrationException(
                        "Comparing schemas builds the revisions' schema in a scratch database on the same server, and this role may not create databases. "
                        + "Run it as a role with CREATEDB (ALTER ROLE <role> CREATEDB), e.g. the owner of the database.", e);
                }

                return new ScratchDatabase(live, Quiet(live, DatabaseProviders.For(live.Kind).Unpooled(live.ConnectionString, name)), name);

            default:
                await ServerCommandAsync(live, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken).ConfigureAwait(false);
                return new ScratchDatabase(live, Quiet(live, DatabaseProviders.For(live.Kind).Unpooled(live.ConnectionString, name)), name);
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
            await ServerCommandAsync(_live, $"DROP DATABASE IF EXISTS `{_name}`", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await ServerCommandAsync(_live, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
    }

    // A process killed with SIGKILL cannot drop its scratch database; the next one that makes a database with the same
    // prefix drops those whose name says they were made more than a day ago. PostgreSQL refuses (and this skips) one
    // still in use; on MySQL one with a session in it is skipped.
    private static async Task DropLeftOversAsync(MigrationOptions live, string prefix, CancellationToken cancellationToken)
    {
        var pattern = new Regex("^" + Regex.Escape(prefix) + "([0-9]{14})_[0-9a-f]{8}$");
        var names = await ServerNamesAsync(live, live.Kind == DatabaseKind.PostgreSql
            ? "SELECT datname FROM pg_database WHERE NOT datistemplate"
            : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (SELECT DB FROM information_schema.PROCESSLIST WHERE DB IS NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            if (pattern.Match(name) is not { Success: true } match
                || !DateTime.TryParseExact(match.Groups[1].Value, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var made)
                || DateTime.UtcNow - made < LeftOverAge)
                continue;
            try
            {
                if (live.Kind == DatabaseKind.PostgreSql)
                    await ServerCommandAsync(live, $"DROP DATABASE IF EXISTS \"{name}\"", cancellationToken).ConfigureAwait(false);
                else
                    await ServerCommandAsync(live, $"DROP DATABASE IF EXISTS `{name}`", cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // In use, or not ours to drop: left for its owner.
            }
        }
    }

    private static MigrationOptions Quiet(MigrationOptions live, string connectionString) =>
        live with { ConnectionString = connectionString, Log = null, BatchProgress = null, DisplayName = "scratch database" };

    // CREATE/DROP DATABASE and the catalog reads run on a connection to the live database: they change the server, never
    // the live database. The driver is the provider package's, so an app carries only the ones it references.
    private static async Task<DbConnection> OpenServerAsync(MigrationOptions live, CancellationToken cancellationToken)
    {
        var provider = DatabaseProviders.For(live.Kind);
        var connection = provider.CreateConnection(provider.Unpooled(live.ConnectionString));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ServerCommandAsync(MigrationOptions live, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(live, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> ServerNamesAsync(MigrationOptions live, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(live, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            names.Add(reader.GetString(0));
        return names;
    }
}
