using System;
using System.Collections.Generic;
using System.Data.Common;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>Runs rendered statements on a real connection with plain ADO.NET, binding every argument as a parameter.</summary>
internal static class StatementRunner
{
    public static void Apply(DbConnection connection, SqlDialect dialect, MigrationOperation operation)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var statement in dialect.Render(operation))
            Execute(connection, statement.Sql, statement.Arguments, transaction);
        transaction.Commit();
    }

    public static int Execute(DbConnection connection, string sql, IReadOnlyList<SqlArgument>? arguments = null, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var argument in arguments ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + argument.Name;
            parameter.Value = argument.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query, each value rendered invariantly as text ("NULL" for null), joined by '|'.</summary>
    public static List<string> Rows(DbConnection connection, string sql, params SqlArgument[] arguments)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var argument in arguments)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + argument.Name;
            parameter.Value = argument.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(string.Join("|", values));
        }
        return rows;
    }
}
