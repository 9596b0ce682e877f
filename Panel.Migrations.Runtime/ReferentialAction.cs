namespace Panel.Migrations;

/// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
public enum ReferentialAction
{
    /// <summary>The database default: the statement fails if rows still refer to the row.</summary>
    NoAction,
    /// <summary>Fails at once if rows still refer to the row.</summary>
    Restrict,
    /// <summary>Deletes or updates the referring rows too.</summary>
    Cascade,
    /// <summary>Sets the referring columns to NULL.</summary>
    SetNull,
    /// <summary>Sets the referring columns to their defaults.</summary>
    SetDefault,
}
