namespace Panel.Migrations;

/// <summary>The stages of a SQLite table rebuild that <see cref="BatchProgress"/> reports.</summary>
public enum BatchStage
{
    /// <summary>The new table exists and the copy of the rows begins.</summary>
    Copying,
    /// <summary>Every row was copied.</summary>
    Copied,
    /// <summary>Indexes, triggers and renames are done and every check passed; the step's commit follows.</summary>
    Finished,
}
