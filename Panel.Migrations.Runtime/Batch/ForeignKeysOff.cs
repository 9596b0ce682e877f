using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Batch;

/// <summary>
/// Switches SQLite's foreign-key enforcement off for a step that rebuilds a table, and back to what it was
/// when disposed. It must happen outside any transaction: inside one, <c>PRAGMA foreign_keys</c> is a silent
/// no-op, and with enforcement on, dropping a parent table cascades and deletes every child row.
/// </summary>
internal sealed class ForeignKeysOff : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly bool _wasOn;

    private ForeignKeysOff(DbConnection connection, bool wasOn)
    {
        _connection = connection;
        _wasOn = wasOn;
    }

    /// <exception cref="MigrationException">Enforcement stayed on (the connection is inside a transaction).</exception>
    public static async Task<ForeignKeysOff> SwitchAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var wasOn = await ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        if (wasOn)
        {
            await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF", cancellationToken).ConfigureAwait(false);
            if (await ReadAsync(connection, cancellationToken).ConfigureAwait(false))
                throw new MigrationException("Cannot switch SQLite foreign-key enforcement off for a table rebuild (is a transaction already open on this connection?); nothing was changed.");
        }
        return new ForeignKeysOff(connection, wasOn);
    }

    public async ValueTask DisposeAsync()
    {
        if (_wasOn && _connection.State == System.Data.ConnectionState.Open)
            await ExecuteAsync(_connection, "PRAGMA foreign_keys = ON", CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<bool> ReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.CountAsync(new SqlStatement("PRAGMA foreign_keys"), null, cancellationToken).ConfigureAwait(false) != 0;

    private static Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(sql), null, cancellationToken);
}
