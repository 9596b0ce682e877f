namespace Panel.Migrations.Graph;

/// <summary>The revision graph (placeholder until the graph lands).</summary>
public sealed class RevisionGraph
{
}
