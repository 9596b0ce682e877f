using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>What a catalog object is, as a journal check reads it.</summary>
internal enum CatalogObjectKind
{
    Table,
    Column,
    Index,
}

/// <summary>What the catalog says of one object.</summary>
internal enum CatalogObjectState
{
    Absent,
    Present,

    /// <summary>There but unusable: a PostgreSQL index left invalid by a failed <c>CREATE INDEX CONCURRENTLY</c>.</summary>
    Incomplete,
}

/// <summary>
/// The mark one statement leaves in the catalog, so that whether it took effect can be read back after a failure or a
/// kill: a table, column or index that it makes (or drops). Free SQL and changes to an existing column leave none we read.
/// </summary>
/// <param name="Kind">The kind of object.</param>
/// <param name="Table">The table (for a table, the table itself).</param>
/// <param name="Name">The column or index; null for a table.</param>
/// <param name="Makes">True when the statement makes the object, false when it drops it.</param>
internal sealed record StatementEffect(CatalogObjectKind Kind, string Table, string? Name, bool Makes)
{
    /// <summary>The mark of an operation rendered as one statement; null when it leaves none we read.</summary>
    public static StatementEffect? Of(MigrationOperation operation) => operation switch
    {
        CreateTableOperation create => new(CatalogObjectKind.Table, create.Name, null, true),
        DropTableOperation drop => new(CatalogObjectKind.Table, drop.Name, null, false),
        AddColumnOperation add => new(CatalogObjectKind.Column, add.TableName, add.Column.Name, true),
        DropColumnOperation drop => new(CatalogObjectKind.Column, drop.TableName, drop.Column, false),
        CreateIndexOperation index => new(CatalogObjectKind.Index, index.TableName, index.Name, true),
        DropIndexOperation index => new(CatalogObjectKind.Index, index.TableName, index.Name, false),
        _ => null,
    };

    /// <summary>The operation that undoes the statement: drop what it made; null for a drop (what it dropped is gone).</summary>
    public MigrationOperation? Inverse() => !Makes ? null : Kind switch
    {
        CatalogObjectKind.Table => new DropTableOperation(Table),
        CatalogObjectKind.Column => new DropColumnOperation(Table, Name!),
        _ => new DropIndexOperation(Name!, Table),
    };

    /// <summary>Whether another mark concerns the same object (or this one's table as a whole, or the other's).</summary>
    public bool Touches(StatementEffect other) =>
        string.Equals(Table, other.Table, System.StringComparison.OrdinalIgnoreCase)
        && (Kind == CatalogObjectKind.Table || other.Kind == CatalogObjectKind.Table || (Kind == other.Kind && string.Equals(Name, other.Name, System.StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether the statement took effect, given what the catalog says of its object; null when half-made.</summary>
    public bool? TookEffect(CatalogObjectState state) => state switch
    {
        CatalogObjectState.Incomplete => null,
        CatalogObjectState.Present => Makes,
        _ => !Makes,
    };

    /// <summary>The object in words: <c>column sites.ssl</c>, <c>index ix_name on sites</c>, <c>table sites</c>.</summary>
    public string Object => Kind switch
    {
        CatalogObjectKind.Table => $"table {Table}",
        CatalogObjectKind.Column => $"column {Table}.{Name}",
        _ => $"index {Name} on {Table}",
    };
}
