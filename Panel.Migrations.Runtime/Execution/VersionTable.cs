using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Execution;

/// <summary>
/// Alembic's version table: <c>version_num VARCHAR(32) NOT NULL</c>, primary key <c>&lt;table&gt;_pkc</c>,
/// one row per current head, moved exactly as the graph's plan says.
/// </summary>
internal sealed class VersionTable(DatabaseAdapter adapter, string name)
{
    private readonly SqlDialect _dialect = adapter.Dialect;

    public string CreateSql => _dialect.CreateVersionTable(name);

    public Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        adapter.TableExistsAsync(connection, name, transaction, cancellationToken);

    public async Task EnsureAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            await connection.ExecuteAsync(new SqlStatement(CreateSql), transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The current heads, sorted; empty when the table does not exist yet. A run that has ensured the table passes
    /// <paramref name="ensured"/> and saves the catalog query on every step (the table is never dropped online).
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken, bool ensured = false)
    {
        if (!ensured && !await ExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            return [];
        await using var command = Commands.Create(connection, new SqlStatement(_dialect.SelectVersions(name)), transaction);
        var rows = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.IsDBNull(0) || reader.GetValue(0) is not string version || version.Trim().Length == 0)
                    throw new MigrationException(
                        $"The version table {name} holds a row whose version_num is empty or NULL, which names no revision; nothing was changed. " +
                        $"Repair it with 'stamp <revision> --purge' (the revision the schema is at), or delete that row.");
                rows.Add(version);
            }
        }
        catch (DbException error) when (error.Message.Contains("version_num", System.StringComparison.OrdinalIgnoreCase))
        {
            throw new MigrationException(
                $"The table {name} exists but is not an Alembic version table (it has no version_num column): {error.Message}. " +
                "Rename that table, or give this app another version table (MigrationOptions.VersionTable); nothing was changed.", error);
        }
        rows.Sort(System.StringComparer.Ordinal);
        return rows;
    }

    /// <summary>
    /// The statements of one step's change: deletes, then the update, then inserts. A delete or an update
    /// carries what it does, because it must touch exactly one row.
    /// </summary>
    public IEnumerable<VersionStatement> Statements(VersionChange change)
    {
        foreach (var version in change.Delete)
            yield return new(new SqlStatement(_dialect.DeleteVersion(name), [new("version", version)]), $"deleting '{version}'");
        if (change.UpdateFrom is { } from && change.UpdateTo is { } to)
            yield return new(new SqlStatement(_dialect.UpdateVersion(name), [new("from", from), new("to", to)]), $"updating '{from}' to '{to}'");
        foreach (var version in change.Insert)
            yield return new(new SqlStatement(_dialect.InsertVersion(name), [new("version", version)]), null);
    }

    /// <summary>
    /// Applies one step's change inside the step's transaction, together with <paramref name="alongside"/> (the step's log
    /// row): one round trip where the provider batches.
    /// </summary>
    public async Task ApplyAsync(VersionChange change, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken,
                                 SqlStatement? alongside = null)
    {
        var statements = Statements(change).ToList();
        var sql = statements.Select(s => s.Statement).ToList();
        if (alongside is not null)
            sql.Add(alongside);
        var rows = await StatementBatch.RunAsync(adapter, connection, transaction, sql, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < statements.Count; i++)
        {
            // Alembic's guard: a version row that is not where the plan expects it means another writer interfered.
            if (statements[i].ExpectOneRow is { } expectOneRow && rows[i] != 1)
                throw NotWhereExpected(expectOneRow, rows[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Alembic's error for a version row that is not where the plan expects it: another writer interfered.</summary>
    /// <param name="expectOneRow">What the statement does (<see cref="VersionStatement.ExpectOneRow"/>).</param>
    /// <param name="found">How many rows it matched, as far as is known.</param>
    /// <param name="error">The database's refusal, where the database checked it.</param>
    public MigrationException NotWhereExpected(string expectOneRow, string found, System.Exception? error = null)
    {
        var message = $"Online migration expected to match one row when {expectOneRow} in '{name}'; {found} found. " +
                      "The version table was changed outside this run; check it with 'current' and fix it with 'stamp'.";
        return error is null ? new MigrationException(message) : new MigrationException(message, error);
    }

    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement($"DELETE FROM {_dialect.Quote(name)}"), transaction, cancellationToken);
}

/// <summary>A version-table statement and, for a delete or an update, what it does (it must touch one row).</summary>
internal sealed record VersionStatement(SqlStatement Statement, string? ExpectOneRow);
