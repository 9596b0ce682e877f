namespace Panel.Migrations.Operations;

/// <summary>Adds a named constraint to an existing table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Constraint">The constraint.</param>
public sealed record AddConstraintOperation(string TableName, TableConstraint Constraint) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
