namespace Panel.Migrations.Graph;

/// <summary>Which way a step moves through the graph.</summary>
public enum MigrationDirection
{
    /// <summary>Towards the heads: runs <c>Up</c>.</summary>
    Upgrade,

    /// <summary>Towards the bases: runs <c>Down</c>.</summary>
    Downgrade,
}
