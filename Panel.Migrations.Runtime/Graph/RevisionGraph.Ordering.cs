using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

public sealed partial class RevisionGraph
{
    /// <summary>
    /// Alembic's <c>_topological_sort</c>, step for step: downgrade order (heads first) of <paramref name="revisions"/>.
    /// Start heads are taken in load order; a head is emitted only when no other pending head still needs it, and
    /// each branch is walked down to where it joins another before the next one starts. Upgrades run it reversed,
    /// which makes the branch whose head is later in load order, and the merge parent listed last, go first.
    /// </summary>
    internal static List<RevisionVertex> TopologicalOrder(IEnumerable<RevisionVertex> revisions, IEnumerable<RevisionVertex> startHeads)
    {
        var todo = new HashSet<RevisionVertex>(revisions);
        var heads = startHeads.Where(todo.Contains).Distinct().OrderBy(v => v.LoadIndex).ToList();
        var ancestorsOfHead = heads.Select(h => Ancestors(new[] { h })).ToList();
        var output = new List<RevisionVertex>(todo.Count);

        var index = 0;
        while (heads.Count > 0)
        {
            var candidate = heads[index];
            var neededBy = NeededByAnotherHead(ancestorsOfHead, index, candidate);
            if (neededBy >= 0)
            {
                // Another pending head still needs this revision: walk that head's branch first.
                index = neededBy;
                continue;
            }

            if (todo.Remove(candidate))
            {
                output.Add(candidate);
            }

            var parents = candidate.NormalizedDown.Where(p => todo.Contains(p) && !heads.Contains(p)).ToList();
            if (parents.Count == 0)
            {
                heads.RemoveAt(index);
                ancestorsOfHead.RemoveAt(index);
                index = index > 0 ? index - 1 : 0;
            }
            else if (candidate.Dependencies.Count == 0 && candidate.Down.Count == 1)
            {
                // Plain movement down a line: the ancestors are the same set without the revision just emitted.
                heads[index] = parents[0];
                ancestorsOfHead[index].Remove(candidate);
            }
            else
            {
                heads[index] = parents[0];
                ancestorsOfHead[index] = Ancestors(new[] { parents[0] });
                foreach (var parent in parents.Skip(1))
                {
                    heads.Add(parent);
                    ancestorsOfHead.Add(Ancestors(new[] { parent }));
                }
            }
        }

        return output;
    }

    private static int NeededByAnotherHead(List<HashSet<RevisionVertex>> ancestorsOfHead, int index, RevisionVertex candidate)
    {
        for (var other = 0; other < ancestorsOfHead.Count; other++)
        {
            if (other != index && ancestorsOfHead[other].Contains(candidate))
            {
                return other;
            }
        }

        return -1;
    }
}
