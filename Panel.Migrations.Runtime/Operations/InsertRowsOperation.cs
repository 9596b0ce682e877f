using System.Collections.Generic;

namespace Panel.Migrations.Operations;

/// <summary>Inserts rows into a table (seed or reference data); values travel as parameters.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Columns">The columns the rows fill, in order.</param>
/// <param name="Rows">The rows; each has one value per column.</param>
public sealed record InsertRowsOperation(string TableName, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
