namespace Panel.Migrations.Operations;

/// <summary>Drops a table and its rows.</summary>
/// <param name="Name">The table name.</param>
public sealed record DropTableOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => Name;
}
