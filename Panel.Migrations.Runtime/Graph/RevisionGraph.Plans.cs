using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>Upgrade, downgrade, stamp and history: which revisions run, in which order, and how the version rows move.</summary>
public sealed partial class RevisionGraph
{
    /// <summary>
    /// Plans <c>upgrade TARGET</c> from the database's current heads (Alembic's <c>_upgrade_revs</c>): every revision
    /// the target needs that the current heads do not already imply, bases first. An already applied target gives an
    /// empty plan.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target cannot be resolved, or the database has revisions this graph does not know.</exception>
    public RevisionWalk PlanUpgrade(IReadOnlyCollection<string> currentHeads, string target) =>
        PlanUpgrade(currentHeads, new[] { target });

    /// <summary>Plans an upgrade to several targets at once, e.g. two branch heads.</summary>
    /// <exception cref="RevisionGraphException">A target cannot be resolved, targets overlap, or the database has unknown revisions.</exception>
    public RevisionWalk PlanUpgrade(IReadOnlyCollection<string> currentHeads, IReadOnlyList<string> targets)
    {
        var current = KnownHeads(currentHeads);
        var order = Translate(
            () =>
            {
                var destinations = targets.SelectMany(t => ParseUpgradeTarget(current, t)).Distinct().ToList();
                var needed = AncestorsOfTargets(destinations);
                needed.ExceptWith(Ancestors(current));
                return Enumerable.Reverse(TopologicalOrder(needed, destinations)).ToList();
            },
            string.Join(" ", targets));
        return Plan(MigrationDirection.Upgrade, current, order);
    }

    /// <summary>
    /// The revisions an absolute <c>upgrade</c> target names that lie strictly below the current heads. Alembic plans
    /// nothing for them and reports success; the pipeline refuses instead, since the user meant to go down.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target cannot be resolved.</exception>
    public IReadOnlyList<string> BelowCurrentHeads(IReadOnlyCollection<string> currentHeads, string target)
    {
        if (RelativeTarget.Parse(target) is not null)
        {
            return Array.Empty<string>();
        }

        var current = KnownHeads(currentHeads);
        var below = Ancestors(current);
        return Translate(() => GetRevisions(target), target).Where(v => below.Contains(v) && !current.Contains(v)).Select(v => v.Id).ToList();
    }

    /// <summary>
    /// Plans <c>downgrade TARGET</c> (Alembic's <c>_downgrade_revs</c>): every applied revision above the target, heads
    /// first. <c>label@rev</c> or <c>rev@rev</c> limits it to one branch; a target that is already a current head is a no-op.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target cannot be resolved or is not below the current heads, <c>-N</c> is ambiguous, or the database has unknown revisions.</exception>
    public RevisionWalk PlanDowngrade(IReadOnlyCollection<string> currentHeads, string target)
    {
        var current = KnownHeads(currentHeads);
        var order = Translate(
            () =>
            {
                var (label, destination) = ParseDowngradeTarget(current, target);
                var roots = destination is null ? vertices.Where(v => v.IsBase).ToList() : destination.Next.ToList();
                if (label is not null && roots.Count > 1)
                {
                    var branch = Ancestors(new[] { ResolveBranch(label) }, includeDependencies: false);
                    roots = roots.Where(branch.Contains).ToList();
                    if (roots.Count == 0)
                    {
                        throw new RevisionGraphException(GraphMessages.NoDowngradeRootOnBranch);
                    }
                }

                var drop = Descendants(roots);
                drop.IntersectWith(Ancestors(current));
                if (destination is not null && drop.Count == 0 && !current.Contains(destination))
                {
                    throw new RevisionGraphException(GraphMessages.NotValidDowngradeTarget(target));
                }

                return TopologicalOrder(drop, current);
            },
            target);
        return Plan(MigrationDirection.Downgrade, current, order);
    }

    /// <summary>
    /// Plans <c>stamp TARGET</c> (Alembic's <c>_stamp_revs</c>): steps that only move the version rows, running no
    /// migration. With <paramref name="purge"/> every existing row is deleted first, even rows this graph does not know.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target cannot be resolved, or (without purge) the database has unknown revisions.</exception>
    public RevisionWalk PlanStamp(IReadOnlyCollection<string> currentHeads, string target, bool purge = false)
    {
        if (currentHeads is null)
        {
            throw new ArgumentNullException(nameof(currentHeads));
        }

        var current = purge ? new List<RevisionVertex>() : KnownHeads(currentHeads);
        var rows = new VersionRows(currentHeads, byId);
        var headsBefore = rows.Snapshot();
        var steps = new List<MigrationStep>();
        if (purge)
        {
            foreach (var row in headsBefore)
            {
                steps.Add(new MigrationStep(row, MigrationDirection.Downgrade, rows.Delete(row), rows.Snapshot(), isStamp: true));
            }
        }

        target = string.IsNullOrEmpty(target) ? "base" : target;
        Translate(
            () =>
            {
                var touched = FilterForLineage(current, target, includeDependencies: true);
                var from = Ids(touched);
                var destinations = GetRevisions(target);
                if (destinations.Count == 0)
                {
                    foreach (var head in from)
                    {
                        steps.Add(new MigrationStep(head, MigrationDirection.Downgrade, rows.Stamp(new[] { head }, null, isUpgrade: false, branchMove: true), rows.Snapshot(), isStamp: true));
                    }

                    return 0;
                }

                foreach (var destination in destinations.Where(d => !touched.Contains(d)))
                {
                    var below = Descendants(new[] { destination }).Overlaps(touched);
                    var above = !below && Ancestors(new[] { destination }).Overlaps(touched);
                    var direction = below ? MigrationDirection.Downgrade : MigrationDirection.Upgrade;
                    var change = below || above
                        ? rows.Stamp(from, destination.Id, isUpgrade: above, branchMove: false)
                        : rows.Stamp(Array.Empty<string>(), destination.Id, isUpgrade: true, branchMove: true);
                    steps.Add(new MigrationStep(destination.Id, direction, change, rows.Snapshot(), isStamp: true));
                }

                return 0;
            },
            target,
            GraphMessages.StampMultipleHeads);

        var movedDown = steps.Count > 0 && steps.All(s => s.Direction == MigrationDirection.Downgrade);
        return new RevisionWalk(movedDown ? MigrationDirection.Downgrade : MigrationDirection.Upgrade, steps, headsBefore, rows.Snapshot());
    }

    /// <summary>
    /// The revisions of <c>history -r START:END</c>, newest first (Alembic's <c>walk_revisions</c>): both ends included,
    /// START defaulting to <c>base</c> and END to <c>heads</c>. Without a range, every revision.
    /// </summary>
    /// <exception cref="RevisionGraphException">The range has no colon, an end cannot be resolved, or START is not below END.</exception>
    public IReadOnlyList<string> History(string? range = null)
    {
        var start = "base";
        var end = "heads";
        if (range is not null)
        {
            var colon = range.IndexOf(':');
            if (colon < 0)
            {
                throw new RevisionGraphException(GraphMessages.HistoryRangeSyntax);
            }

            var first = range.Substring(0, colon).Trim();
            var last = range.Substring(colon + 1).Trim();
            start = first.Length > 0 ? first : start;
            end = last.Length > 0 ? last : end;
        }

        return Translate(() => Ids(HistoryBetween(start, end)), end);
    }

    private List<RevisionVertex> HistoryBetween(string start, string end)
    {
        var lowerRelative = RelativeTarget.Parse(start) is not null;
        var lower = lowerRelative ? new List<RevisionVertex>() : GetRevisions(start);
        var targets = ParseUpgradeTarget(lower, end, strict: false);
        if (lowerRelative)
        {
            var destination = ParseDowngradeTarget(targets, start).Destination;
            lower = destination is null ? new List<RevisionVertex>() : new List<RevisionVertex> { destination };
        }

        var at = start.IndexOf('@');
        if (at >= 0)
        {
            // START as 'label@...' keeps only the END revisions on that branch.
            var branch = start.Substring(0, at);
            var named = GetRevision(branch);
            if (named is not null && named.Id == branch && named.BranchLabels.Count == 1)
            {
                branch = named.BranchLabels.First();
            }

            targets = targets.Where(t => t.BranchLabels.Contains(branch)).ToList();
        }

        var needed = AncestorsOfTargets(targets);
        if (lower.Any(l => !needed.Contains(l)))
        {
            throw new RevisionGraphException(GraphMessages.RangeNotAncestor(start, end));
        }

        needed.ExceptWith(Ancestors(lower));
        needed.UnionWith(lower);
        if (lower.Count > 0)
        {
            needed.IntersectWith(Descendants(lower, includeDependencies: false));
        }

        return TopologicalOrder(needed, targets);
    }

    /// <summary>The targets and everything below them; a target below another target is an error, as in Alembic.</summary>
    private static HashSet<RevisionVertex> AncestorsOfTargets(IReadOnlyList<RevisionVertex> targets)
    {
        var all = new HashSet<RevisionVertex>();
        foreach (var target in targets)
        {
            var below = Ancestors(new[] { target });
            var overlapping = targets.Where(t => t != target && below.Contains(t)).Select(t => t.Id).ToList();
            if (overlapping.Count > 0)
            {
                throw new RevisionGraphException(GraphMessages.Overlap(target.Id, overlapping));
            }

            all.UnionWith(below);
        }

        return all;
    }

    /// <summary>The database's current heads as revisions, in load order; rows this graph does not know are an error.</summary>
    private List<RevisionVertex> KnownHeads(IReadOnlyCollection<string> currentHeads)
    {
        if (currentHeads is null)
        {
            throw new ArgumentNullException(nameof(currentHeads));
        }

        var unknown = currentHeads.Where(h => h is null || !byId.ContainsKey(h)).Select(h => h ?? string.Empty).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new RevisionGraphException(GraphMessages.UnknownCurrentHeads(unknown));
        }

        return currentHeads.Distinct(StringComparer.Ordinal).Select(h => byId[h]).OrderBy(v => v.LoadIndex).ToList();
    }

    private RevisionWalk Plan(MigrationDirection direction, List<RevisionVertex> current, List<RevisionVertex> order)
    {
        var rows = new VersionRows(Ids(current), byId);
        var headsBefore = rows.Snapshot();
        var blocks = SquashBlocks(order);
        var steps = new List<MigrationStep>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            if (!blocks.TryGetValue(order[i], out var squash))
            {
                steps.Add(new MigrationStep(order[i].Id, direction, rows.Migrate(order[i], direction), rows.Snapshot()));
                continue;
            }

            // The whole range at once: the squash runs in its place, and the rows move as the range's would.
            var length = squash.ReplacedInBuild ? squash.Replaced.Count : 1;
            VersionChange? first = null, last = null;
            for (var j = 0; j < length; j++)
            {
                last = rows.Migrate(order[i + j], direction);
                first ??= last;
            }

            var change = direction == MigrationDirection.Upgrade ? first! : last!;
            steps.Add(new MigrationStep(squash.Squash, direction, WithEnd(change, squash), rows.Snapshot()));
            i += length - 1;
        }

        return new RevisionWalk(direction, steps, headsBefore, rows.Snapshot());
    }

    /// <summary>
    /// Every squash whose whole range the walk crosses, keyed by the range's first revision in <paramref name="order"/>,
    /// which is rearranged so that the range is contiguous where its last revision was: nothing outside a range builds
    /// on its middle (a graph rule), so the move keeps every revision after what it needs.
    /// </summary>
    private Dictionary<RevisionVertex, SquashedRange> SquashBlocks(List<RevisionVertex> order)
    {
        var blocks = new Dictionary<RevisionVertex, SquashedRange>();
        foreach (var squash in Squashes)
        {
            var range = squash.ReplacedInBuild ? squash.Replaced.Select(id => byId[id]).ToList() : new List<RevisionVertex> { byId[squash.End] };
            var at = range.Select(v => order.IndexOf(v)).ToList();
            if (at.Any(i => i < 0))
            {
                continue;
            }

            var inOrder = range.OrderBy(v => order.IndexOf(v)).ToList();
            var before = order.Take(at.Max() + 1).Count(v => !range.Contains(v));
            order.RemoveAll(range.Contains);
            order.InsertRange(before, inOrder);
            blocks[inOrder[0]] = squash;
        }

        return blocks;
    }

    // The first replaced revision's row change, naming the revision the squash is recorded under.
    private static VersionChange WithEnd(VersionChange change, SquashedRange squash)
    {
        string Swap(string id) => id == squash.Replaced[0] ? squash.End : id;
        return new VersionChange(change.Kind, change.Delete.Select(Swap).ToArray(), change.UpdateFrom is null ? null : Swap(change.UpdateFrom),
                                 change.UpdateTo is null ? null : Swap(change.UpdateTo), change.Insert.Select(Swap).ToArray());
    }
}
