using System.Collections.Generic;

namespace Panel.Migrations.Operations;

/// <summary>Creates an index.</summary>
/// <param name="Name">The index name.</param>
/// <param name="TableName">The table.</param>
/// <param name="Columns">
/// The indexed columns, in order. An entry in parentheses, e.g. <c>"(lower(name))"</c>, is an expression and is
/// rendered verbatim; any other entry is a column name and is quoted.
/// </param>
/// <param name="Unique">Whether the index is unique.</param>
/// <param name="Where">A condition that makes the index partial, rendered verbatim, or null.</param>
/// <param name="Concurrently">PostgreSQL: build it with <c>CREATE INDEX CONCURRENTLY</c>, outside a transaction; other databases ignore it.</param>
public sealed record CreateIndexOperation(string Name, string TableName, IReadOnlyList<string> Columns, bool Unique = false, string? Where = null, bool Concurrently = false) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
