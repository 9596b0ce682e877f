using System.Collections.Generic;

namespace Panel.Migrations.Schema;

/// <summary>
/// A database's schema as <c>baseline --from-database</c>, <c>check --schema</c> and the test kit read it: what the portable
/// operations can recreate, plus the raw statements (triggers, views, trigger functions) they cannot.
/// </summary>
internal sealed record Catalog(DatabaseKind Kind, List<CatalogTable> Tables, List<CatalogIndex> Indexes, List<CatalogRaw> Triggers, List<CatalogRaw> Views)
{
    /// <summary>PostgreSQL: the functions the triggers call, created before them. <c>Name</c> is the signature as <c>regprocedure</c> prints it.</summary>
    public List<CatalogRaw> Functions { get; init; } = [];

    /// <summary>PostgreSQL: the sequences of <c>serial</c> columns, created before their tables and owned by their column.</summary>
    public List<CatalogSequence> Sequences { get; init; } = [];
}

/// <summary>A table: columns in order, then its table-level constraints.</summary>
internal sealed record CatalogTable(string Name, List<CatalogColumn> Columns, CatalogPrimaryKey? PrimaryKey,
                                    List<CatalogUnique> Uniques, List<CatalogCheck> Checks, List<CatalogForeignKey> ForeignKeys);

/// <summary>A column: its declared type as the database reports it, its default expression verbatim.</summary>
internal sealed record CatalogColumn(string Name, string DeclaredType, bool Nullable, string? Default, bool AutoIncrement)
{
    /// <summary>PostgreSQL: an identity <c>GENERATED ALWAYS</c> (the portable auto-increment is <c>BY DEFAULT</c>).</summary>
    public bool GeneratedAlways { get; init; }
}

/// <summary>The primary key; <c>Name</c> is null when the database named it itself.</summary>
internal sealed record CatalogPrimaryKey(string? Name, List<string> Columns);

internal sealed record CatalogUnique(string? Name, List<string> Columns);

internal sealed record CatalogCheck(string? Name, string Condition);

internal sealed record CatalogForeignKey(string? Name, List<string> Columns, string ReferencedTable, List<string> ReferencedColumns,
                                         ReferentialAction OnDelete, ReferentialAction OnUpdate);

/// <summary>An index; <c>Sql</c> is set for an index the portable operation cannot express (expressions, collations, DESC).</summary>
internal sealed record CatalogIndex(string Name, string Table, List<string> Columns, bool Unique, string? Where, string? Sql);

/// <summary>A trigger, view or function, recreated with its own statement.</summary>
internal sealed record CatalogRaw(string Name, string Table, string Sql);

/// <summary>A sequence that a <c>serial</c> column takes its default from; <c>Type</c> is its data type (<c>integer</c>, <c>bigint</c>).</summary>
internal sealed record CatalogSequence(string Name, string Type, string Table, string Column);
