using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// One kind of database as the kill harness sees it: how to make a seeded database, what stage to wait for before a
/// targeted kill, and the test-only catalog dump that must match a fresh database migrated to the same revision.
/// </summary>
internal abstract class KillTarget
{
    public abstract DatabaseKind Kind { get; }

    /// <summary>A line the child writes to its stage file when the targeted stage begins.</summary>
    public abstract string TargetedStage { get; }

    /// <summary>A line the child writes when the targeted stage is over: a targeted kill must land before it.</summary>
    public abstract string TargetedStageEnd { get; }

    /// <summary>
    /// How long after <see cref="TargetedStage"/> a targeted kill may land, given the stages of an uninterrupted run:
    /// well inside the stage, so the kill lands in it.
    /// </summary>
    public abstract TimeSpan TargetedWindow(string stagesOfARun);

    /// <summary>A new database holding <c>items</c>, with <see cref="KillMigrations.SeededRows"/> rows or none.</summary>
    public abstract Task<string> CreateDatabaseAsync(bool seeded);

    /// <summary>Removes a database the harness is done with (each seeded one is large).</summary>
    public abstract Task DropDatabaseAsync(string connectionString);

    /// <summary>The catalog entries (tables, columns, indexes, triggers, views, ...) outside the version and log tables, sorted.</summary>
    protected abstract IEnumerable<string> CatalogQueries { get; }

    /// <summary>A catalog row as it is compared: SQL text a database stores as written can be normalised here.</summary>
    protected virtual string NormaliseCatalogRow(string row) => row;

    protected abstract string VersionTableExistsSql { get; }

    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Waits until the killed child's session is gone, then says what is wrong with the storage ("ok" when nothing).</summary>
    public abstract Task<string> IntegrityAfterKillAsync(string connectionString);

    public MigrationOptions Options(string connectionString) => new(Kind, connectionString);

    public async Task<string> DumpAsync(string connectionString)
    {
        var lines = new List<string>();
        foreach (var sql in CatalogQueries)
            lines.AddRange((await QueryAsync(connectionString, sql)).Select(NormaliseCatalogRow));
        return string.Join("\n", lines);
    }

    public async Task<string> RowDigestAsync(string connectionString) =>
        (await QueryAsync(connectionString, KillMigrations.RowDigest)).Single();

    /// <summary>The revision the version table names; null when it has no row or does not exist yet.</summary>
    public async Task<string?> VersionAsync(string connectionString)
    {
        if ((await QueryAsync(connectionString, VersionTableExistsSql)).Single() == "0")
            return null;
        return (await QueryAsync(connectionString, "SELECT version_num FROM alembic_version")).SingleOrDefault();
    }

    /// <summary>Each row as its values joined with '|'.</summary>
    public async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = CreateConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return rows;
    }
}
