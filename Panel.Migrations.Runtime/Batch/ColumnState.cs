namespace Panel.Migrations.Batch;

/// <summary>A column of the table being rebuilt, as the batch's operations have changed it so far.</summary>
internal sealed class ColumnState
{
    public ColumnState(ColumnSpec spec, string? source, string buildName, string name)
    {
        Spec = spec;
        Source = source;
        OriginalType = spec.Type;
        BuildName = buildName;
        Name = name;
    }

    public ColumnSpec Spec { get; }

    /// <summary>The column of the old table whose values it takes, or null for a new column.</summary>
    public string? Source { get; }

    /// <summary>The declared type in the old table, to tell whether the copy must CAST.</summary>
    public string OriginalType { get; }

    /// <summary>
    /// Its name in the rebuilt table. A renamed column keeps its old name through the copy and is renamed
    /// natively at the end, so SQLite itself rewrites every index, trigger, view and foreign key that names it.
    /// </summary>
    public string BuildName { get; }

    /// <summary>Its name as the batch's operations refer to it at this point, and its final name.</summary>
    public string Name { get; set; }

    /// <summary>A new NOT NULL column without a default, which only an empty table can take.</summary>
    public bool NeedsValue { get; set; }

    public bool IsGenerated => Spec.IsGenerated;
}
