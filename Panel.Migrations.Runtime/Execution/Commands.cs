using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>
/// Runs rendered statements as plain ADO.NET commands, every value bound as a parameter (never spliced into the text).
/// Not through Dapper: the runtime maps no rows to objects, and Dapper's first use loaded System.Private.Xml,
/// System.Xml.Linq and Reflection.Emit in every process (its type handlers), tens of milliseconds per start-up; nor
/// through Dapper.AOT, measured side by side and no faster (docs/dapper-aot.md).
/// </summary>
internal static class Commands
{
    /// <summary>A command for <paramref name="statement"/>; the caller disposes it.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="statement">The SQL and its values.</param>
    /// <param name="transaction">The transaction to run in, if any.</param>
    /// <param name="timeoutSeconds">The command timeout; null keeps the provider's default.</param>
    public static DbCommand Create(DbConnection connection, SqlStatement statement, DbTransaction? transaction, int? timeoutSeconds = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Sql;
        command.Transaction = transaction;
        if (timeoutSeconds is { } seconds)
            command.CommandTimeout = seconds;
        Bind(command.Parameters, command.CreateParameter, statement.Arguments);
        return command;
    }

    /// <summary>Appends <paramref name="statement"/> to <paramref name="batch"/> as a command of its own.</summary>
    public static void Add(DbBatch batch, SqlStatement statement)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = statement.Sql;
        Bind(command.Parameters, command.CreateParameter, statement.Arguments);
        batch.BatchCommands.Add(command);
    }

    /// <summary>Adds one parameter per argument, named as in the SQL without its prefix (every provider we use accepts that).</summary>
    public static void Bind(DbParameterCollection parameters, Func<DbParameter> create, IReadOnlyList<SqlArgument> arguments)
    {
        foreach (var argument in arguments)
        {
            var parameter = create();
            parameter.ParameterName = argument.Name;
            parameter.Value = argument.Value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

    /// <summary>Runs <paramref name="statement"/>; returns the rows it affected.</summary>
    public static async Task<int> ExecuteAsync(this DbConnection connection, SqlStatement statement, DbTransaction? transaction, CancellationToken cancellationToken,
                                               int? timeoutSeconds = null)
    {
        await using var command = Create(connection, statement, transaction, timeoutSeconds);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null for no row or SQL NULL.</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, SqlStatement statement, DbTransaction? transaction, CancellationToken cancellationToken,
                                                  int? timeoutSeconds = null)
    {
        await using var command = Create(connection, statement, transaction, timeoutSeconds);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>A count (or any integer) the statement selects; 0 for no row or SQL NULL.</summary>
    public static async Task<long> CountAsync(this DbConnection connection, SqlStatement statement, DbTransaction? transaction, CancellationToken cancellationToken,
                                              int? timeoutSeconds = null) =>
        Convert.ToInt64(await connection.ScalarAsync(statement, transaction, cancellationToken, timeoutSeconds).ConfigureAwait(false) ?? 0L, CultureInfo.InvariantCulture);
}
