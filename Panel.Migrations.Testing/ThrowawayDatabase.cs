using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Testing;

/// <summary>
/// One empty database made by <see cref="TestDatabase.CreateAsync"/> for one test; <see cref="DisposeAsync"/> removes it.
/// Migrate it with <see cref="RunnerFor"/>, seed and query it with <see cref="ExecuteAsync"/> and <see cref="QueryAsync"/>.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly ScratchDatabase _scratch;

    internal ThrowawayDatabase(ScratchDatabase scratch) => _scratch = scratch;

    /// <summary>The options that reach this database (no log output).</summary>
    public MigrationOptions Options => _scratch.Options;

    /// <summary>The kind of database.</summary>
    public DatabaseKind Kind => Options.Kind;

    /// <summary>A runner of <paramref name="map"/>'s migrations on this database.</summary>
    public MigrationRunner RunnerFor(MigrationMap map) => new(map, Options);

    /// <summary>Opens a connection to this database with the provider of its kind; the caller disposes it.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Kind switch
        {
            DatabaseKind.Sqlite => new SqliteConnection(Options.ConnectionString),
            _ => DatabaseProviders.For(Kind).CreateConnection(Options.ConnectionString),
        };
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs one statement (e.g. a seed row) with named parameters, e.g. <c>("@name", "example.com")</c>, and returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        await using var command = CatalogQuery.Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs one query with named parameters and returns its rows as plain values (<c>DBNull</c> as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync().ConfigureAwait(false);
        return CatalogQuery.Rows(connection, sql, parameters);
    }

    /// <summary>Removes the database (deletes the SQLite file, drops the server database).</summary>
    public ValueTask DisposeAsync() => _scratch.DisposeAsync();

    /// <summary>The database's schema as the schema check compares it, without the version table and the migration log.</summary>
    internal CatalogEntrySet ReadSchema() => CatalogEntries.Of(CatalogReader.Read(Options));
}
