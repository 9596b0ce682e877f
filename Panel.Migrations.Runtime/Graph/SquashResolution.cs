using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>
/// Checks the squashes among the declared revisions and puts each in the place of its range: the graph then has one
/// revision under the range's last id. While the replaced migrations are in the build they stay in the graph (a database
/// inside the range walks through them) and the squash runs only for a walk across the whole range; once they are deleted
/// the squash itself stands under the last id. A revision that names the squash by its own id is pointed at that id too.
/// </summary>
internal static class SquashResolution
{
    /// <summary>The revisions the rest of the analysis links, and the squashes found; problems go to <paramref name="report"/>.</summary>
    public static List<RevisionNode> Run(List<RevisionNode> declared, Action<GraphProblemKind, string, string[]> report, List<SquashedRange> squashes)
    {
        var squashNodes = declared.Where(n => n.IsSquash).ToList();
        if (squashNodes.Count == 0)
        {
            return declared;
        }

        var byId = new Dictionary<string, RevisionNode>(StringComparer.Ordinal);
        foreach (var node in declared)
        {
            if (!byId.ContainsKey(node.Id))
            {
                byId.Add(node.Id, node);
            }
        }

        var replacedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var valid = new List<RevisionNode>();
        foreach (var squash in squashNodes.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            if (Check(squash, declared, byId, replacedBy, report))
            {
                valid.Add(squash);
                squashes.Add(new SquashedRange(squash.Id, squash.Replaces, byId.ContainsKey(squash.Replaces[0])));
            }
        }

        var rename = valid.ToDictionary(s => s.Id, s => s.Replaces[s.Replaces.Count - 1], StringComparer.Ordinal);
        var resolved = new List<RevisionNode>();
        foreach (var node in declared)
        {
            if (rename.ContainsKey(node.Id))
            {
                // Deleted range: the squash stands under its last id. Range in the build: the replaced revisions stand.
                if (!byId.ContainsKey(node.Replaces[0]))
                {
                    resolved.Add(new RevisionNode(rename[node.Id], Renamed(node.DownRevisions, rename), node.BranchLabels, Renamed(node.DependsOn, rename)));
                }

                continue;
            }

            resolved.Add(node.IsSquash || node.DownRevisions.Concat(node.DependsOn).Any(rename.ContainsKey)
                ? new RevisionNode(node.Id, Renamed(node.DownRevisions, rename), node.BranchLabels, Renamed(node.DependsOn, rename))
                : node);
        }

        return resolved;
    }

    // The three rules; every problem of one squash is reported, and a squash with any is left out of the resolution.
    private static bool Check(RevisionNode squash, List<RevisionNode> declared, Dictionary<string, RevisionNode> byId,
                              Dictionary<string, string> replacedBy, Action<GraphProblemKind, string, string[]> report)
    {
        var range = squash.Replaces;
        var ok = true;
        void Fail(GraphProblemKind kind, string message, params string[] revisions)
        {
            report(kind, message, new[] { squash.Id }.Concat(revisions).ToArray());
            ok = false;
        }

        // Rule 1: linear and contiguous.
        var repeated = range.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1 || g.Key == squash.Id).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            Fail(GraphProblemKind.SquashRangeNotLinear, GraphMessages.SquashRepeats(squash.Id, repeated), repeated.ToArray());
            return false;
        }

        var present = range.Where(byId.ContainsKey).ToList();
        if (present.Count > 0 && present.Count < range.Count)
        {
            Fail(GraphProblemKind.SquashRangeNotLinear, GraphMessages.SquashPartlyDeleted(squash.Id, range, present), present.ToArray());
        }
        else if (present.Count == range.Count)
        {
            for (var i = 0; i < range.Count; i++)
            {
                var parents = byId[range[i]].DownRevisions;
                var expected = i == 0 ? squash.DownRevisions : new[] { range[i - 1] };
                if (!parents.OrderBy(p => p, StringComparer.Ordinal).SequenceEqual(expected.OrderBy(p => p, StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    Fail(GraphProblemKind.SquashRangeNotLinear, GraphMessages.SquashNotLinear(squash.Id, range, range[i], parents, expected), range[i]);
                    break;
                }
            }
        }

        // Rule 2: nothing outside the range builds on its middle.
        var middle = new HashSet<string>(range.Take(range.Count - 1), StringComparer.Ordinal);
        foreach (var node in declared.Where(n => n.Id != squash.Id && !range.Contains(n.Id)))
        {
            foreach (var named in node.DownRevisions.Concat(node.DependsOn).Where(middle.Contains).Distinct())
            {
                // Reported where the fix is: on the revision that builds on the middle.
                report(GraphProblemKind.SquashMiddleDependedOn, GraphMessages.SquashMiddleDependedOn(squash.Id, range, node.Id, named), new[] { node.Id, squash.Id });
                ok = false;
            }
        }

        // Rule 3: a replaced revision is not also a live parent: not of the squash itself, not of another squash's range.
        foreach (var named in squash.DownRevisions.Concat(squash.DependsOn).Where(range.Contains).Distinct())
        {
            Fail(GraphProblemKind.ReplacedIsLiveParent, GraphMessages.SquashBuildsOnItsRange(squash.Id, named, present.Count == range.Count ? byId[range[0]].DownRevisions : null), named);
        }

        foreach (var replaced in range)
        {
            if (replacedBy.TryGetValue(replaced, out var other))
            {
                Fail(GraphProblemKind.ReplacedIsLiveParent, GraphMessages.ReplacedTwice(replaced, other, squash.Id), other, replaced);
            }
            else
            {
                replacedBy[replaced] = squash.Id;
            }

            if (byId.TryGetValue(replaced, out var node) && node.IsSquash)
            {
                Fail(GraphProblemKind.ReplacedIsLiveParent, GraphMessages.SquashOfSquash(squash.Id, replaced), replaced);
            }
        }

        return ok;
    }

    private static string[] Renamed(IReadOnlyList<string> ids, Dictionary<string, string> rename) =>
        ids.Select(id => rename.TryGetValue(id, out var end) ? end : id).Distinct(StringComparer.Ordinal).ToArray();
}
