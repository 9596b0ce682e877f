using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Schema;

/// <summary>
/// One object of a <see cref="Catalog"/> in the form that schemas are compared in: what kind it is, the
/// name it is known by, the table it belongs to (null for tables, views and functions), and its comparable
/// attributes as text (a column's type, nullability and default; every other object's definition).
/// </summary>
internal sealed record CatalogEntry(CatalogEntryKind Kind, string Name, string? Table, IReadOnlyList<CatalogAttribute> Attributes)
{
    /// <summary>The value of one attribute as shown, or null when the entry has no such attribute.</summary>
    public string? ValueOf(string attribute) => Attributes.FirstOrDefault(a => a.Name == attribute)?.Value;

    /// <summary>The value of one attribute as compared (see <see cref="CatalogAttribute.ComparedAs"/>), or null when the entry has no such attribute.</summary>
    public string? KeyOf(string attribute) => Attributes.FirstOrDefault(a => a.Name == attribute)?.Key;

    /// <summary>The object as a reader sees it in a report line, e.g. <c>column sites.type_id</c>.</summary>
    public string Describe() => Kind.Title() + " " + Name;

    /// <summary>The object and its attributes in one short phrase, e.g. <c>column sites.type_id (INTEGER NULL DEFAULT 0)</c>.</summary>
    public string DescribeWithAttributes() => Attributes.Count == 0 ? Describe() : Describe() + " (" + string.Join(" ", Attributes.Select(a => a.Value)) + ")";
}

/// <summary>
/// One comparable attribute of an entry: <c>type</c>, <c>nullability</c>, <c>default</c> or <c>definition</c>. <c>ComparedAs</c>,
/// when set, is what two databases must agree on instead of the shown <c>Value</c> (a SQLite type: its affinity).
/// </summary>
internal sealed record CatalogAttribute(string Name, string Value, string? ComparedAs = null)
{
    /// <summary>What is compared: <c>ComparedAs</c>, else the value.</summary>
    public string Key => ComparedAs ?? Value;
}

/// <summary>The kinds of catalog objects, in the order a report lists them.</summary>
internal enum CatalogEntryKind
{
    Table,
    Column,
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Index,
    Trigger,
    View,
    Function,
}

/// <summary>The words a report uses for an entry kind.</summary>
internal static class CatalogEntryKindText
{
    public static string Title(this CatalogEntryKind kind) => kind switch
    {
        CatalogEntryKind.PrimaryKey => "primary key",
        CatalogEntryKind.Unique => "unique constraint",
        CatalogEntryKind.Check => "check constraint",
        CatalogEntryKind.ForeignKey => "foreign key",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
