using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Npgsql;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Cli;

/// <summary>Small read-only questions about the database that the runner does not answer, for hints.</summary>
internal static class DatabaseProbe
{
    /// <summary>How many tables besides the version table the database has; 0 when it cannot tell (MySQL).</summary>
    public static async Task<long> CountTablesAsync(MigrationOptions options, CancellationToken cancellationToken)
    {
        DbConnection? connection = options.Kind switch
        {
            DatabaseKind.Sqlite => new SqliteConnection(options.ConnectionString),
            // The guard lets a trimmed app without PostgreSQL leave Npgsql out (the runtime refused such options already).
            DatabaseKind.PostgreSql when DatabaseSupport.PostgreSql => new NpgsqlConnection(options.ConnectionString),
            _ => null,
        };
        if (connection is null)
        {
            return 0;
        }

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = options.Kind == DatabaseKind.Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> @name"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> @name";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "name";
            parameter.Value = options.VersionTable;
            command.Parameters.Add(parameter);
            var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return System.Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The hint of the old guide for a database with tables and no version row.</summary>
    public static string UnversionedHint(long tables, string versionTable) =>
        $"Could not determine current revision: the database has {tables} table(s) but no row in {versionTable}. "
        + "If its schema is that of a known revision (a panel set up by aaPanel is at 001), record it with 'stamp <revision>', then run 'upgrade'.";
}
