namespace Panel.Migrations.Operations;

/// <summary>
/// One schema or data change that a migration describes. Operations are plain data: the dialect
/// renders them, the executor runs them, the analyzers inspect them.
/// </summary>
public abstract record MigrationOperation
{
    /// <summary>The table the operation changes, or null for free SQL.</summary>
    public abstract string? Table { get; }
}
