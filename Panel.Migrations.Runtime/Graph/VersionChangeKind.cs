namespace Panel.Migrations.Graph;

/// <summary>Which of Alembic's HeadMaintainer rules moved the version rows.</summary>
public enum VersionChangeKind
{
    /// <summary>A new branch: one row inserted.</summary>
    Insert,

    /// <summary>A branch removed: one row deleted.</summary>
    Delete,

    /// <summary>A head moved along its branch: one row updated.</summary>
    Update,

    /// <summary>Several heads joined: rows deleted, then one updated.</summary>
    Merge,

    /// <summary>A merge point undone: rows inserted, then one updated.</summary>
    Unmerge,

    /// <summary>Nothing to change.</summary>
    None,
}
