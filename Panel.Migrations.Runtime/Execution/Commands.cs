using System.Data.Common;
using System.Threading;
using Dapper;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>Turns rendered statements into Dapper commands.</summary>
internal static class Commands
{
    /// <summary>A command whose values travel as <see cref="DynamicParameters"/> (NativeAOT-safe, unlike anonymous objects).</summary>
    public static CommandDefinition For(SqlStatement statement, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        DynamicParameters? parameters = null;
        if (statement.Arguments.Count > 0)
        {
            parameters = new DynamicParameters();
            foreach (var argument in statement.Arguments)
                parameters.Add(argument.Name, argument.Value);
        }
        return new CommandDefinition(statement.Sql, parameters, transaction, cancellationToken: cancellationToken);
    }
}
