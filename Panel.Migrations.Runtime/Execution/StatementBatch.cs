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
/// <remarks>
/// A batch command must hold one command (PostgreSQL refuses several in one), while a migration's raw SQL may hold
/// several: a text with a semicolon before its end runs as a command of its own, between the batches around it.
/// </remarks>
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
        var batches = adapter.BatchesStatements && connection.CanCreateBatch && !(timeoutSeconds > 0);
        for (var start = 0; start < statements.Count;)
        {
            var end = start + 1;
            if (batches && HoldsOneCommand(statements[start]))
            {
                while (end < statements.Count && HoldsOneCommand(statements[end]))
                    end++;
            }
            if (end - start == 1)
                rows[start] = await RunOneAsync(connection, transaction, statements[start], cancellationToken, timeoutSeconds, failure).ConfigureAwait(false);
            else
                await RunBatchAsync(adapter, connection, transaction, statements, start, end, rows, cancellationToken, timeoutSeconds, failure).ConfigureAwait(false);
            start = end;
        }
        return rows;
    }

    /// <summary>No semicolon but a final one: one command whatever the dialect (a semicolon inside a literal only makes this say no).</summary>
    public static bool HoldsOneCommand(SqlStatement statement) => statement.Sql.AsSpan().TrimEnd().TrimEnd(';').IndexOf(';') < 0;

    private static async Task<int> RunOneAsync(DbConnection connection, DbTransaction transaction, SqlStatement statement, CancellationToken cancellationToken,
                                               int? timeoutSeconds, Func<SqlStatement?, DbException, Exception>? failure)
    {
        try
        {
            return await connection.ExecuteAsync(statement, transaction, cancellationToken, timeoutSeconds).ConfigureAwait(false);
        }
        catch (DbException error) when (failure is not null)
        {
            throw failure(statement, error);
        }
    }

    private static async Task RunBatchAsync(DatabaseAdapter adapter, DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements,
                                            int start, int end, int[] rows, CancellationToken cancellationToken, int? timeoutSeconds,
                                            Func<SqlStatement?, DbException, Exception>? failure)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (timeoutSeconds is { } seconds)
            batch.Timeout = seconds;
        for (var i = start; i < end; i++)
            Commands.Add(batch, statements[i]);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException error) when (failure is not null)
        {
            var index = adapter.RefusedIndex(batch, error);
            throw failure(index >= 0 ? statements[start + index] : null, error);
        }
        for (var i = start; i < end; i++)
            rows[i] = batch.BatchCommands[i - start].RecordsAffected;
    }
}
