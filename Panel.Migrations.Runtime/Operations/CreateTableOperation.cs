using System.Collections.Generic;

namespace Panel.Migrations.Operations;

/// <summary>Creates a table.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, in order.</param>
/// <param name="Constraints">Table-level constraints (composite keys, unique, check, foreign keys).</param>
public sealed record CreateTableOperation(string Name, IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<TableConstraint> Constraints) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => Name;
}
