namespace Panel.Migrations.Operations;

/// <summary>Adds a column to a table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Column">The new column.</param>
/// <param name="InsertBefore">In a batch rebuild: the column the new one goes before.</param>
/// <param name="InsertAfter">In a batch rebuild: the column the new one goes after.</param>
/// <param name="IfNotExists">
/// Skip the column when the table already has one of that name: for adopting databases whose own code
/// added some columns with guarded ALTERs (aaPanel's start-up code does).
/// </param>
public sealed record AddColumnOperation(string TableName, ColumnDefinition Column, string? InsertBefore = null, string? InsertAfter = null, bool IfNotExists = false) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
