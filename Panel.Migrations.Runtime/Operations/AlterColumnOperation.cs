namespace Panel.Migrations.Operations;

/// <summary>Changes a column; every null property leaves that aspect as it is.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Column">The column as it is named now.</param>
/// <param name="Type">The new type, or null.</param>
/// <param name="Nullable">The new nullability, or null.</param>
/// <param name="ServerDefault">The new default as a SQL expression, or null.</param>
/// <param name="DropServerDefault">Whether to remove the default.</param>
/// <param name="NewName">The new name, or null.</param>
public sealed record AlterColumnOperation(
    string TableName,
    string Column,
    SqlType? Type = null,
    bool? Nullable = null,
    string? ServerDefault = null,
    bool DropServerDefault = false,
    string? NewName = null) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
