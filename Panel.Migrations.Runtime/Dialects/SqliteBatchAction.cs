namespace Panel.Migrations.Dialects;

/// <summary>How SQLite carries out one batch (<see cref="SqliteDialect.Decide"/>).</summary>
internal enum SqliteBatchAction
{
    /// <summary>Rendered as plain statements (ADD COLUMN, RENAME COLUMN, indexes, DROP COLUMN under Never).</summary>
    Render,

    /// <summary>Declared constraints altered in place by the batch runner (SQLite 3.53+): the rows are checked, none copied.</summary>
    AlterConstraints,

    /// <summary>The table rebuilt by the batch runner ("move and copy").</summary>
    Rebuild,
}
