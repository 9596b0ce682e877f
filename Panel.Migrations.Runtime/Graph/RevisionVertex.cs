using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>A revision inside a built graph, with its links resolved (Alembic's <c>Revision</c> after map building).</summary>
internal sealed class RevisionVertex
{
    public RevisionVertex(RevisionNode node, int loadIndex)
    {
        Node = node;
        LoadIndex = loadIndex;
        BranchLabels = new HashSet<string>(node.BranchLabels, System.StringComparer.Ordinal);
    }

    public RevisionNode Node { get; }

    public string Id => Node.Id;

    /// <summary>Position in load order: the tie-break of every ordering.</summary>
    public int LoadIndex { get; }

    /// <summary>Parents via down revision, as declared.</summary>
    public List<RevisionVertex> Down { get; } = new List<RevisionVertex>();

    /// <summary>Dependencies resolved to revisions, as declared.</summary>
    public List<RevisionVertex> Dependencies { get; } = new List<RevisionVertex>();

    /// <summary>
    /// Down revisions plus the dependencies that no ancestor already depends on (<c>_normalized_down_revisions</c>):
    /// what traversal and version rows follow.
    /// </summary>
    public List<RevisionVertex> NormalizedDown { get; } = new List<RevisionVertex>();

    /// <summary>Children via down revision (<c>nextrev</c>), in load order.</summary>
    public List<RevisionVertex> Next { get; } = new List<RevisionVertex>();

    /// <summary>Children via down revision or dependency (<c>_all_nextrev</c>), in load order.</summary>
    public List<RevisionVertex> AllNext { get; } = new List<RevisionVertex>();

    /// <summary>Own labels plus labels propagated along the branch.</summary>
    public HashSet<string> BranchLabels { get; }

    public bool IsBase => Down.Count == 0;

    public bool IsHead => Next.Count == 0;

    public bool IsRealHead => AllNext.Count == 0;

    public bool IsRealBranchPoint => AllNext.Count > 1;

    public bool IsMergePoint => Down.Count > 1;

    public override string ToString() => Id;
}
