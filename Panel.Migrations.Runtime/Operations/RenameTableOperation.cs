namespace Panel.Migrations.Operations;

/// <summary>Renames a table.</summary>
/// <param name="Name">The current table name.</param>
/// <param name="NewName">The new table name.</param>
public sealed record RenameTableOperation(string Name, string NewName) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => Name;
}
