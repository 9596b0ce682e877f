namespace Panel.Migrations;

/// <summary>The kinds of named table constraints.</summary>
public enum ConstraintKind
{
    /// <summary>A primary key.</summary>
    PrimaryKey,
    /// <summary>A unique constraint.</summary>
    Unique,
    /// <summary>A check constraint.</summary>
    Check,
    /// <summary>A foreign key.</summary>
    ForeignKey,
}
