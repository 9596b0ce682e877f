using System.Collections.Generic;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>A database's schema as <c>baseline --from-database</c> reads it: what the portable operations can recreate.</summary>
internal sealed record Catalog(DatabaseKind Kind, List<CatalogTable> Tables, List<CatalogIndex> Indexes, List<CatalogRaw> Triggers, List<CatalogRaw> Views);

/// <summary>A table: columns in order, then its table-level constraints.</summary>
internal sealed record CatalogTable(string Name, List<CatalogColumn> Columns, CatalogPrimaryKey? PrimaryKey,
                                    List<CatalogUnique> Uniques, List<CatalogCheck> Checks, List<CatalogForeignKey> ForeignKeys);

/// <summary>A column: its declared type as the database reports it, its default expression verbatim.</summary>
internal sealed record CatalogColumn(string Name, string DeclaredType, bool Nullable, string? Default, bool AutoIncrement);

/// <summary>The primary key; <c>Name</c> is null when the database named it itself.</summary>
internal sealed record CatalogPrimaryKey(string? Name, List<string> Columns);

internal sealed record CatalogUnique(string? Name, List<string> Columns);

internal sealed record CatalogCheck(string? Name, string Condition);

internal sealed record CatalogForeignKey(string? Name, List<string> Columns, string ReferencedTable, List<string> ReferencedColumns,
                                         ReferentialAction OnDelete, ReferentialAction OnUpdate);

/// <summary>An index; <c>Sql</c> is set for an index the portable operation cannot express (expressions, collations, DESC).</summary>
internal sealed record CatalogIndex(string Name, string Table, List<string> Columns, bool Unique, string? Where, string? Sql);

/// <summary>A trigger or view, recreated with its own statement.</summary>
internal sealed record CatalogRaw(string Name, string Table, string Sql);
