using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>
/// The revision graph of an application's migrations, with Alembic's semantics: heads, bases, branch and merge
/// points, the target grammar, upgrade/downgrade/stamp plans and their version-table rows. Load order (the
/// tie-break of every ordering) is the ordinal order of the revision ids.
/// </summary>
public sealed partial class RevisionGraph
{
    private readonly List<RevisionVertex> vertices;
    private readonly Dictionary<string, RevisionVertex> byId;
    private readonly Dictionary<string, RevisionVertex> byLabel;

    private RevisionGraph(GraphAnalysis analysis)
    {
        vertices = analysis.Vertices;
        byId = analysis.ById;
        byLabel = analysis.ByLabel;
        Squashes = analysis.Squashes;
        foreach (var squash in Squashes)
        {
            // A squash's own id names the revision it is recorded under (e.g. 'stamp <squash>').
            byId[squash.Squash] = byId[squash.End];
        }

        Revisions = vertices.Select(v => v.Node).ToArray();
        Heads = Ids(vertices.Where(v => v.IsHead));
        RealHeads = Ids(vertices.Where(v => v.IsRealHead));
        EffectiveHeads = Ids(vertices.Where(v => v.IsHead && !v.IsRealHead));
        Bases = Ids(vertices.Where(v => v.IsBase));
        BranchPoints = Ids(vertices.Where(v => v.Next.Count > 1));
        MergePoints = Ids(vertices.Where(v => v.IsMergePoint));
        UpgradeOrder = Ids(Enumerable.Reverse(TopologicalOrder(vertices, vertices.Where(v => v.IsRealHead))));
    }

    /// <summary>Every problem of the declared revisions, errors and warnings, in a stable order. Never throws for bad graphs.</summary>
    public static IReadOnlyList<GraphProblem> Validate(IEnumerable<RevisionNode> nodes) => GraphAnalysis.Run(nodes).Problems;

    /// <summary>Builds the graph, or throws a <see cref="RevisionGraphException"/> listing every error. Warnings are allowed.</summary>
    public static RevisionGraph Build(IEnumerable<RevisionNode> nodes)
    {
        var analysis = GraphAnalysis.Run(nodes);
        var errors = analysis.Problems.Where(p => p.IsError).ToArray();
        if (errors.Length > 0)
        {
            throw new RevisionGraphException(GraphMessages.GraphErrors(errors), errors);
        }

        return new RevisionGraph(analysis);
    }

    /// <summary>Every revision, in load order.</summary>
    public IReadOnlyList<RevisionNode> Revisions { get; }

    /// <summary>The squashes: each stands for the range it replaces, under the range's last revision (see <see cref="SquashedRange"/>).</summary>
    public IReadOnlyList<SquashedRange> Squashes { get; }

    /// <summary>The squash whose range holds <paramref name="revision"/> before its last revision, or null.</summary>
    public SquashedRange? SquashInside(string revision) => Squashes.FirstOrDefault(s => s.IsInside(revision));

    /// <summary>Revisions that no revision names as a down revision (Alembic's <c>get_heads()</c>).</summary>
    public IReadOnlyList<string> Heads { get; }

    /// <summary>Revisions that no revision names as a down revision or a dependency: what the symbol <c>heads</c> means.</summary>
    public IReadOnlyList<string> RealHeads { get; }

    /// <summary>Heads that another revision depends on; they leave the version table once that revision is applied.</summary>
    public IReadOnlyList<string> EffectiveHeads { get; }

    /// <summary>Revisions without a down revision.</summary>
    public IReadOnlyList<string> Bases { get; }

    /// <summary>Revisions that more than one revision names as a down revision.</summary>
    public IReadOnlyList<string> BranchPoints { get; }

    /// <summary>Revisions with more than one down revision.</summary>
    public IReadOnlyList<string> MergePoints { get; }

    /// <summary>Every revision, bases first, in the order Alembic runs <c>upgrade heads</c> on an empty database.</summary>
    public IReadOnlyList<string> UpgradeOrder { get; }

    /// <summary>The revision with this exact id.</summary>
    /// <exception cref="RevisionGraphException">No revision has this id.</exception>
    public RevisionNode this[string id] =>
        TryGet(id, out var node) ? node : throw new RevisionGraphException(GraphMessages.CantLocate(id));

    /// <summary>Finds the revision with this exact id.</summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out RevisionNode node)
    {
        if (id is not null && byId.TryGetValue(id, out var vertex))
        {
            node = vertex.Node;
            return true;
        }

        node = null;
        return false;
    }

    /// <summary>The revisions that name <paramref name="id"/> as a down revision (Alembic's <c>nextrev</c>), in load order.</summary>
    /// <exception cref="RevisionGraphException">No revision has this id.</exception>
    public IReadOnlyList<string> Children(string id) => Ids(Vertex(id).Next);

    /// <summary>The down revisions plus the dependencies no ancestor already has: what traversal and version rows follow.</summary>
    /// <exception cref="RevisionGraphException">No revision has this id.</exception>
    public IReadOnlyList<string> NormalizedDownRevisions(string id) => Ids(Vertex(id).NormalizedDown);

    /// <summary>The branch labels that apply to a revision: its own and those propagated along its branch.</summary>
    /// <exception cref="RevisionGraphException">No revision has this id.</exception>
    public IReadOnlyList<string> BranchLabelsOf(string id) => Vertex(id).BranchLabels.OrderBy(l => l, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Version rows that overlap: each pair of <paramref name="heads"/> where one lies below the other on its branch (down
    /// revisions only; a dependency may be recorded beside its dependent). Alembic refuses such rows; unknown ids are skipped.
    /// </summary>
    public IReadOnlyList<(string Below, string Above)> OverlappingHeads(IReadOnlyCollection<string> heads)
    {
        var known = heads.Where(h => h is not null && byId.ContainsKey(h)).Select(h => byId[h]).ToList();
        if (known.Count < 2)
            return []; // one head overlaps nothing (and a deploy's run need not walk its ancestors to know)
        var pairs = new List<(string, string)>();
        foreach (var above in known)
        {
            var below = Ancestors(above.Down, includeDependencies: false);
            pairs.AddRange(known.Where(k => k != above && below.Contains(k)).Select(k => (k.Id, above.Id)));
        }
        return pairs;
    }

    private RevisionVertex Vertex(string id) =>
        id is not null && byId.TryGetValue(id, out var vertex) ? vertex : throw new RevisionGraphException(GraphMessages.CantLocate(id ?? string.Empty));

    private static string[] Ids(IEnumerable<RevisionVertex> items) => items.Select(v => v.Id).ToArray();

    /// <summary>The revisions themselves and everything below them (via normalized down revisions, or down revisions only).</summary>
    internal static HashSet<RevisionVertex> Ancestors(IEnumerable<RevisionVertex> from, bool includeDependencies = true) =>
        Closure(from, includeDependencies ? v => v.NormalizedDown : v => v.Down);

    /// <summary>The revisions themselves and everything above them (via children, with or without dependents).</summary>
    internal static HashSet<RevisionVertex> Descendants(IEnumerable<RevisionVertex> from, bool includeDependencies = true) =>
        Closure(from, includeDependencies ? v => v.AllNext : v => v.Next);

    /// <summary>The revisions themselves and everything reachable from them by <paramref name="step"/>.</summary>
    internal static HashSet<RevisionVertex> Closure(IEnumerable<RevisionVertex> from, Func<RevisionVertex, IEnumerable<RevisionVertex>> step)
    {
        var seen = new HashSet<RevisionVertex>();
        var todo = new Stack<RevisionVertex>(from);
        while (todo.Count > 0)
        {
            var vertex = todo.Pop();
            if (seen.Add(vertex))
            {
                foreach (var next in step(vertex))
                {
                    todo.Push(next);
                }
            }
        }

        return seen;
    }

    /// <summary>Alembic's <c>_shares_lineage</c>: is any of <paramref name="against"/> above or below <paramref name="target"/>?</summary>
    private static bool SharesLineage(RevisionVertex target, IReadOnlyCollection<RevisionVertex> against, bool includeDependencies)
    {
        if (against.Count == 0)
        {
            return true;
        }

        var line = Descendants(new[] { target }, includeDependencies);
        line.UnionWith(Ancestors(new[] { target }, includeDependencies));
        return against.Any(line.Contains);
    }
}
