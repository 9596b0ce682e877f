namespace Panel.Migrations.Operations;

/// <summary>Adds a named constraint to an existing table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Constraint">The constraint.</param>
/// <param name="Validate">
/// PostgreSQL: <see langword="false"/> adds a foreign key or check <c>NOT VALID</c>, leaving existing rows unchecked until a
/// later <c>VALIDATE CONSTRAINT</c>; other databases ignore it.
/// </param>
public sealed record AddConstraintOperation(string TableName, TableConstraint Constraint, bool Validate = true) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
