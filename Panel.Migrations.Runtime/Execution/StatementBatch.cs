using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>
/// Runs short statements of one transaction in a single round trip where the adapter says the provider batches them
/// (<see cref="DatabaseAdapter.BatchesStatements"/>), else one after the other; returns the rows each statement affected.
/// </summary>
internal static class StatementBatch
{
    public static async Task<int[]> RunAsync(DatabaseAdapter adapter, DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements,
                                             CancellationToken cancellationToken)
    {
        var rows = new int[statements.Count];
        if (statements.Count < 2 || !adapter.BatchesStatements || !connection.CanCreateBatch)
        {
            for (var i = 0; i < statements.Count; i++)
                rows[i] = await connection.ExecuteAsync(statements[i], transaction, cancellationToken).ConfigureAwait(false);
            return rows;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            Commands.Bind(command.Parameters, command.CreateParameter, statement.Arguments);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < statements.Count; i++)
            rows[i] = batch.BatchCommands[i].RecordsAffected;
        return rows;
    }
}
