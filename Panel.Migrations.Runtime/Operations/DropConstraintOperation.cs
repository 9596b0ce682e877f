namespace Panel.Migrations.Operations;

/// <summary>Drops a named constraint.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Name">The constraint name.</param>
/// <param name="Kind">The kind of constraint (MySQL drops each kind with its own statement).</param>
public sealed record DropConstraintOperation(string TableName, string Name, ConstraintKind Kind) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
