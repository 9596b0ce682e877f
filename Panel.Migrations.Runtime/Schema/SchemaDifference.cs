namespace Panel.Migrations.Schema;

/// <summary>How the live database differs from the schema its revisions make.</summary>
internal enum DifferenceKind
{
    /// <summary>The revisions make the object; the database lacks it.</summary>
    Missing,

    /// <summary>The database has an object that the revisions up to its current one do not make.</summary>
    Extra,

    /// <summary>Both have the object, with another value of one attribute.</summary>
    Different,
}

/// <summary>
/// One difference between the live catalog and the expected one (the revisions' schema). <c>Attribute</c> is set for
/// <see cref="DifferenceKind.Different"/>; <c>Expected</c> and <c>Actual</c> are the entries on either side (null where absent).
/// </summary>
internal sealed record SchemaDifference(DifferenceKind Kind, CatalogEntry? Expected, CatalogEntry? Actual, string? Attribute)
{
    /// <summary>The entry the difference is about, from whichever side has it.</summary>
    public CatalogEntry Entry => Expected ?? Actual!;
}
