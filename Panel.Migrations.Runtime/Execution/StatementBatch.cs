using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Execution;

/// <summary>
/// Runs statements of one transaction in a single round trip where the adapter says the provider batches them
/// (<see cref="DatabaseAdapter.BatchesStatements"/>), else one after the other; returns the rows each statement affected.
/// </summary>
internal static class StatementBatch
{
    /// <param name="adapter">Says whether the provider batches.</param>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction they run in.</param>
    /// <param name="statements">The statements, in order.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <param name="timeoutSeconds">
    /// The limit of each statement (0: none); null keeps the provider's. A limit above zero runs them one by one, since a
    /// batch's limit would be shared by all of its statements.
    /// </param>
    /// <param name="failure">
    /// The exception to throw when the database refuses a statement (the server runs none after it), given that statement
    /// (null if the provider did not say which of the batch it was); null throws the provider's own.
    /// </param>
    public static async Task<int[]> RunAsync(DatabaseAdapter adapter, DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements,
                                             CancellationToken cancellationToken, int? timeoutSeconds = null,
                                             Func<SqlStatement?, DbException, Exception>? failure = null)
    {
        var rows = new int[statements.Count];
        if (statements.Count < 2 || !adapter.BatchesStatements || !connection.CanCreateBatch || timeoutSeconds > 0)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                try
                {
                    rows[i] = await connection.ExecuteAsync(statements[i], transaction, cancellationToken, timeoutSeconds).ConfigureAwait(false);
                }
                catch (DbException error) when (failure is not null)
                {
                    throw failure(statements[i], error);
                }
            }
            return rows;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (timeoutSeconds is { } seconds)
            batch.Timeout = seconds;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            Commands.Bind(command.Parameters, command.CreateParameter, statement.Arguments);
            batch.BatchCommands.Add(command);
        }
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException error) when (failure is not null)
        {
            var index = adapter.RefusedIndex(batch, error);
            throw failure(index >= 0 ? statements[index] : null, error);
        }
        for (var i = 0; i < statements.Count; i++)
            rows[i] = batch.BatchCommands[i].RecordsAffected;
        return rows;
    }
}
