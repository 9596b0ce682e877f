using System.Collections.Generic;

namespace Panel.Migrations.Operations;

/// <summary>
/// Changes to one table applied together: in place where the database can, otherwise (SQLite) by
/// rebuilding the table ("move and copy") in one transaction.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="Operations">The changes, in the order they were described; each names <paramref name="TableName"/>.</param>
/// <param name="Recreate">Whether to rebuild the table.</param>
public sealed record BatchAlterTableOperation(string TableName, IReadOnlyList<MigrationOperation> Operations, BatchRecreate Recreate) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
