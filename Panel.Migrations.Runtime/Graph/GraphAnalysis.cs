using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>
/// Checks declared revisions and links them into vertices: load order, id rules, parents, dependencies, branch labels,
/// cycles. <see cref="RevisionGraph.Validate"/> reports its problems; <see cref="RevisionGraph.Build"/> uses its vertices.
/// </summary>
internal sealed class GraphAnalysis
{
    private static readonly char[] IllegalIdCharacters = { '+', '-', ':', '@' };

    private readonly List<GraphProblem> problems = new List<GraphProblem>();

    private GraphAnalysis()
    {
    }

    public IReadOnlyList<GraphProblem> Problems => problems;

    public bool HasErrors => problems.Any(p => p.IsError);

    /// <summary>Vertices in load order: ids sorted ordinally, as Alembic loads files named <c>&lt;rev&gt;_&lt;slug&gt;.py</c>.</summary>
    public List<RevisionVertex> Vertices { get; } = new List<RevisionVertex>();

    public Dictionary<string, RevisionVertex> ById { get; } = new Dictionary<string, RevisionVertex>(StringComparer.Ordinal);

    public Dictionary<string, RevisionVertex> ByLabel { get; } = new Dictionary<string, RevisionVertex>(StringComparer.Ordinal);

    /// <summary>The squashes that passed their checks, in ordinal order of their ids.</summary>
    public List<SquashedRange> Squashes { get; } = new List<SquashedRange>();

    public static GraphAnalysis Run(IEnumerable<RevisionNode> nodes)
    {
        if (nodes is null)
        {
            throw new ArgumentNullException(nameof(nodes));
        }

        var analysis = new GraphAnalysis();
        var declared = nodes.Select(n => n ?? throw new ArgumentException("A revision node is null.", nameof(nodes))).ToList();
        var linked = SquashResolution.Run(declared, (kind, message, revisions) => analysis.Report(kind, message, revisions), analysis.Squashes);
        analysis.AddVertices(SortedById(linked) ? linked : linked.OrderBy(n => n.Id, StringComparer.Ordinal));
        analysis.MapBranchLabels();
        analysis.LinkParentsAndDependencies();
        if (!analysis.DetectCycles())
        {
            analysis.NormalizeDependencies();
            analysis.PropagateBranchLabels();
        }

        analysis.WarnAboutHeadsAndBases();
        return analysis;
    }

    // The generated registry lists its revisions in this order already: checking is cheaper than sorting them again at the
    // start of every run that builds the map.
    private static bool SortedById(IReadOnlyList<RevisionNode> nodes)
    {
        for (var i = 1; i < nodes.Count; i++)
        {
            if (string.CompareOrdinal(nodes[i - 1].Id, nodes[i].Id) > 0)
                return false;
        }

        return true;
    }

    private void Report(GraphProblemKind kind, string message, params string[] revisions) =>
        problems.Add(new GraphProblem(kind, revisions, message));

    private void AddVertices(IEnumerable<RevisionNode> nodes)
    {
        foreach (var node in nodes)
        {
            var id = node.Id;
            if (id.Trim().Length == 0)
            {
                Report(GraphProblemKind.EmptyId, GraphMessages.EmptyId(), id);
                continue;
            }

            if (id.Length > GraphMessages.MaxIdLength)
            {
                Report(GraphProblemKind.IdTooLong, GraphMessages.IdTooLong(id), id);
            }

            if (id.IndexOfAny(IllegalIdCharacters) >= 0)
            {
                Report(GraphProblemKind.IllegalCharacters, GraphMessages.IllegalCharacters(id, IllegalIdCharacters.Where(c => id.IndexOf(c) >= 0).ToList()), id);
            }

            if (ById.ContainsKey(id))
            {
                Report(GraphProblemKind.DuplicateId, GraphMessages.DuplicateId(id), id);
                continue;
            }

            var vertex = new RevisionVertex(node, Vertices.Count);
            Vertices.Add(vertex);
            ById.Add(id, vertex);
        }
    }

    // Alembic maps labels after all ids, so a label may not repeat a label or any revision id.
    private void MapBranchLabels()
    {
        foreach (var vertex in Vertices)
        {
            foreach (var label in vertex.Node.BranchLabels)
            {
                if (ById.TryGetValue(label, out var usedBy) || ByLabel.TryGetValue(label, out usedBy))
                {
                    Report(GraphProblemKind.DuplicateBranchLabel, GraphMessages.DuplicateBranchLabel(label, vertex.Id, usedBy.Id), vertex.Id, usedBy.Id);
                    continue;
                }

                ByLabel.Add(label, vertex);
            }
        }
    }

    private void LinkParentsAndDependencies()
    {
        foreach (var vertex in Vertices)
        {
            foreach (var down in vertex.Node.DownRevisions.Distinct(StringComparer.Ordinal))
            {
                if (down == vertex.Id)
                {
                    Report(GraphProblemKind.SelfLoop, GraphMessages.SelfLoop(vertex.Id), vertex.Id);
                }
                else if (ById.TryGetValue(down, out var parent))
                {
                    vertex.Down.Add(parent);
                }
                else
                {
                    Report(GraphProblemKind.MissingDownRevision, GraphMessages.MissingDownRevision(down, vertex.Id), vertex.Id);
                }
            }

            foreach (var dependency in vertex.Node.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (!ById.TryGetValue(dependency, out var target) && !ByLabel.TryGetValue(dependency, out target))
                {
                    Report(GraphProblemKind.MissingDependency, GraphMessages.MissingDependency(dependency, vertex.Id), vertex.Id);
                }
                else if (target == vertex)
                {
                    Report(GraphProblemKind.DependencySelfLoop, GraphMessages.DependencySelfLoop(vertex.Id), vertex.Id);
                }
                else if (!vertex.Dependencies.Contains(target))
                {
                    vertex.Dependencies.Add(target);
                }
            }
        }

        // Children are added in load order because vertices are visited in load order.
        foreach (var vertex in Vertices)
        {
            foreach (var parent in vertex.Down)
            {
                parent.Next.Add(vertex);
                parent.AllNext.Add(vertex);
            }

            foreach (var dependency in vertex.Dependencies.Where(d => !d.AllNext.Contains(vertex)))
            {
                dependency.AllNext.Add(vertex);
            }
        }
    }

    /// <summary>
    /// Alembic's <c>_detect_cycles</c>: a revision on no path from a head down to a base is in (or behind) a cycle.
    /// Dependency cycles are looked for only when the down revisions alone have none, as Alembic does.
    /// </summary>
    private bool DetectCycles()
    {
        var cycle = Unreachable(v => v.Down, v => v.Next);
        if (cycle.Count > 0)
        {
            Report(GraphProblemKind.Cycle, GraphMessages.Cycle(cycle), cycle.ToArray());
            return true;
        }

        var dependencyCycle = Unreachable(v => v.Down.Concat(v.Dependencies), v => v.AllNext);
        if (dependencyCycle.Count > 0)
        {
            Report(GraphProblemKind.DependencyCycle, GraphMessages.DependencyCycle(dependencyCycle), dependencyCycle.ToArray());
            return true;
        }

        return false;
    }

    private List<string> Unreachable(Func<RevisionVertex, IEnumerable<RevisionVertex>> down, Func<RevisionVertex, IEnumerable<RevisionVertex>> up)
    {
        var heads = Vertices.Where(v => !up(v).Any());
        var bases = Vertices.Where(v => !down(v).Any());
        var fromHeads = RevisionGraph.Closure(heads, down);
        var fromBases = RevisionGraph.Closure(bases, up);
        return Vertices.Where(v => !fromHeads.Contains(v) || !fromBases.Contains(v))
            .Select(v => v.Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }

    // A dependency that an ancestor (via down revisions) already declares is implied; drop it (_normalize_depends_on).
    private void NormalizeDependencies()
    {
        foreach (var vertex in Vertices)
        {
            vertex.NormalizedDown.AddRange(vertex.Down);
            if (vertex.Dependencies.Count == 0)
            {
                continue;
            }

            var ancestors = RevisionGraph.Closure(vertex.Down, v => v.Down);
            foreach (var dependency in vertex.Dependencies)
            {
                var implied = ancestors.Any(a => a.Dependencies.Contains(dependency));
                if (!implied && !vertex.NormalizedDown.Contains(dependency))
                {
                    vertex.NormalizedDown.Add(dependency);
                }
            }
        }
    }

    /// <summary>
    /// A label covers its revision's descendants and its ancestors down to the preceding branch point or merge point,
    /// so that <c>label@...</c> can filter by lineage (Alembic's <c>_add_branches</c>, walking down from the labelled revision).
    /// </summary>
    private void PropagateBranchLabels()
    {
        foreach (var labelled in Vertices.Where(v => v.Node.BranchLabels.Count > 0))
        {
            var labels = labelled.Node.BranchLabels;
            foreach (var descendant in RevisionGraph.Closure(new[] { labelled }, v => v.Next))
            {
                descendant.BranchLabels.UnionWith(labels);
            }

            var ancestor = labelled;
            while (!ancestor.IsRealBranchPoint && !ancestor.IsMergePoint)
            {
                ancestor.BranchLabels.UnionWith(labels);
                if (ancestor.Down.Count == 0)
                {
                    break;
                }

                ancestor = ancestor.Down[0];
            }
        }
    }

    private void WarnAboutHeadsAndBases()
    {
        var heads = Vertices.Where(v => v.IsHead).Select(v => v.Id).ToArray();
        if (heads.Length > 1)
        {
            Report(GraphProblemKind.MultipleHeads, GraphMessages.MultipleHeads(heads), heads);
        }

        // Declared bases, so that a revision whose parent is missing is not counted as one.
        var bases = Vertices.Where(v => v.Node.DownRevisions.Count == 0).Select(v => v.Id).ToArray();
        if (bases.Length > 1)
        {
            Report(GraphProblemKind.MultipleBases, GraphMessages.MultipleBases(bases), bases);
        }
    }
}
