namespace Panel.Migrations.Operations;

/// <summary>Drops a column and its data.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Column">The column to drop.</param>
public sealed record DropColumnOperation(string TableName, string Column) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
