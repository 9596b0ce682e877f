namespace Panel.Migrations.Operations;

/// <summary>Drops an index.</summary>
/// <param name="Name">The index name.</param>
/// <param name="TableName">The table the index belongs to (MySQL needs it).</param>
public sealed record DropIndexOperation(string Name, string TableName) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => TableName;
}
