namespace Panel.Migrations.Operations;

/// <summary>Adds a column to a table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Column">The new column.</param>
/// <param name="InsertBefore">In a batch rebuild: the column the new one goes before.</param>
/// <param name="InsertAfter">In a batch rebuild: the column the new one goes after.</param>
public sealed record AddColumnOperation(string TableName, ColumnDefinition Column, string? InsertBefore = null, string? InsertAfter = null) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
