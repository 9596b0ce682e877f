using System.Collections.Generic;
using System.Data.Common;

namespace Panel.Migrations.Schema;

/// <summary>Runs one catalog query (or the test kit's seed and check statements) with named parameters and returns its rows as plain values (DBNull as null).</summary>
internal static class CatalogQuery
{
    public static List<object?[]> Rows(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A command with named parameters (null as <c>DBNull</c>); the caller disposes it.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? System.DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
