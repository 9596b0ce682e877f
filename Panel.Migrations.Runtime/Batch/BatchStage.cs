namespace Panel.Migrations;

/// <summary>The stages of a SQLite table rebuild that <see cref="BatchProgress"/> reports, in this order.</summary>
public enum BatchStage
{
    /// <summary>The new table exists and the copy of the rows begins.</summary>
    Copying,
    /// <summary>Every row was copied.</summary>
    Copied,
    /// <summary>Indexes, triggers and renames are done and every check passed; the step's commit follows.</summary>
    Finished,
    /// <summary>
    /// Part of a large table's rows were copied (between <see cref="Copying"/> and <see cref="Copied"/>, one report per chunk
    /// of the copy, with <see cref="BatchProgress.Rows"/> rising); a table of fewer than a chunk's rows has none.
    /// </summary>
    RowsCopied,
}
