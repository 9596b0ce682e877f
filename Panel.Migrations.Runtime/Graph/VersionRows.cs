using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>
/// The rows of <c>alembic_version</c> (one per head) and how each step moves them: Alembic's <c>HeadMaintainer</c>,
/// with its five rules tried in order: delete branch, create branch, merge, unmerge, update.
/// Where Alembic picks the row to UPDATE out of a Python set (merge, unmerge, stamp), we pick the last in load order
/// and DELETE or INSERT the others, so the rows written never depend on hashing.
/// </summary>
internal sealed class VersionRows
{
    private readonly HashSet<string> heads;
    private readonly IReadOnlyDictionary<string, RevisionVertex> byId;

    public VersionRows(IEnumerable<string> heads, IReadOnlyDictionary<string, RevisionVertex> byId)
    {
        this.heads = new HashSet<string>(heads, StringComparer.Ordinal);
        this.byId = byId;
    }

    /// <summary>The rows now, sorted ordinally.</summary>
    public IReadOnlyList<string> Snapshot() => heads.OrderBy(h => h, StringComparer.Ordinal).ToArray();

    /// <summary>The rows after running <paramref name="revision"/> in <paramref name="direction"/>.</summary>
    public VersionChange Migrate(RevisionVertex revision, MigrationDirection direction)
    {
        var parents = revision.NormalizedDown;
        if (direction == MigrationDirection.Downgrade)
        {
            if (heads.Contains(revision.Id))
            {
                // Rule 1: a base, or a revision whose parents other rows already imply, leaves no row behind.
                var uncovered = parents.Count == 0 ? new List<RevisionVertex>() : UnmergeTargets(revision);
                if (uncovered.Count == 0)
                {
                    return Apply(VersionChangeKind.Delete, delete: new[] { revision.Id });
                }

                // Rule 4: undoing a merge point brings back the parents no other row implies.
                if (parents.Count > 1)
                {
                    return Apply(VersionChangeKind.Unmerge, update: (revision.Id, uncovered[uncovered.Count - 1].Id), insert: Ids(uncovered.Take(uncovered.Count - 1)));
                }
            }

            // Rule 5.
            return Apply(VersionChangeKind.Update, update: (revision.Id, SingleParent(revision).Id));
        }

        var parentRows = parents.Where(p => heads.Contains(p.Id)).ToList();

        // Rule 2: a base, or a branch whose parent has no row of its own.
        if (parentRows.Count == 0)
        {
            return Apply(VersionChangeKind.Insert, insert: new[] { revision.Id });
        }

        // Rule 3: several parent rows join into one.
        if (parents.Count > 1 && parentRows.Count > 1)
        {
            var joined = MergeSources(revision);
            return Apply(VersionChangeKind.Merge, delete: Ids(joined.Take(joined.Count - 1)), update: (joined[joined.Count - 1].Id, revision.Id));
        }

        // Rule 5.
        return Apply(VersionChangeKind.Update, update: (parentRows[0].Id, revision.Id));
    }

    /// <summary>
    /// The rows after a stamp step (Alembic's <c>StampStep</c>): from the rows <paramref name="from"/> to
    /// <paramref name="to"/> (null: delete <paramref name="from"/>); a branch move adds or removes a whole branch.
    /// </summary>
    public VersionChange Stamp(IReadOnlyList<string> from, string? to, bool isUpgrade, bool branchMove)
    {
        if (!isUpgrade && branchMove)
        {
            return Apply(VersionChangeKind.Delete, delete: new[] { from[0] });
        }

        if (to is null)
        {
            throw new InvalidOperationException("A stamp that is not a branch delete needs a destination.");
        }

        if (isUpgrade && (branchMove || from.Any(f => !heads.Contains(f))) && !heads.Contains(to))
        {
            return Apply(VersionChangeKind.Insert, insert: new[] { to });
        }

        if (from.Count > 1)
        {
            return Apply(VersionChangeKind.Merge, delete: from.Take(from.Count - 1).ToArray(), update: (from[from.Count - 1], to));
        }

        return Apply(VersionChangeKind.Update, update: (from[0], to));
    }

    /// <summary>Deletes one row (used by <c>stamp --purge</c>).</summary>
    public VersionChange Delete(string row) => Apply(VersionChangeKind.Delete, delete: new[] { row });

    /// <summary>Alembic's <c>merge_branch_idents</c>: the parent rows to join, without those other rows still imply.</summary>
    private List<RevisionVertex> MergeSources(RevisionVertex revision)
    {
        var others = heads.Where(h => !revision.NormalizedDown.Any(p => p.Id == h)).Select(h => byId[h]).ToList();
        var implied = RevisionGraph.Ancestors(others);
        return revision.NormalizedDown.Where(p => heads.Contains(p.Id) && !implied.Contains(p)).OrderBy(p => p.LoadIndex).ToList();
    }

    /// <summary>Alembic's <c>_unmerge_to_revisions</c>: the parents that no other row (or other parent) implies.</summary>
    private List<RevisionVertex> UnmergeTargets(RevisionVertex revision)
    {
        var others = heads.Where(h => h != revision.Id).Select(h => byId[h]).ToList();
        HashSet<RevisionVertex> implied;
        if (others.Count > 0)
        {
            implied = RevisionGraph.Ancestors(others);
        }
        else
        {
            implied = new HashSet<RevisionVertex>();
            foreach (var parent in revision.NormalizedDown)
            {
                var below = RevisionGraph.Ancestors(new[] { parent });
                below.Remove(parent);
                implied.UnionWith(below);
            }
        }

        return revision.NormalizedDown.Where(p => !implied.Contains(p)).OrderBy(p => p.LoadIndex).ToList();
    }

    private RevisionVertex SingleParent(RevisionVertex revision)
    {
        if (revision.NormalizedDown.Count == 1)
        {
            return revision.NormalizedDown[0];
        }

        var rows = revision.NormalizedDown.Where(p => heads.Contains(p.Id)).ToList();
        return rows.Count == 1
            ? rows[0]
            : throw new InvalidOperationException($"Can't do an UPDATE because the down revision of {revision.Id} is ambiguous.");
    }

    private VersionChange Apply(VersionChangeKind kind, IReadOnlyList<string>? delete = null, (string From, string To)? update = null, IReadOnlyList<string>? insert = null)
    {
        foreach (var row in delete ?? Array.Empty<string>())
        {
            Require(heads.Remove(row), "delete", row);
        }

        if (update is { } move)
        {
            Require(heads.Remove(move.From), "update", move.From);
            Require(heads.Add(move.To), "update to", move.To);
        }

        foreach (var row in insert ?? Array.Empty<string>())
        {
            Require(heads.Add(row), "insert", row);
        }

        return new VersionChange(kind, delete, update?.From, update?.To, insert);
    }

    // The plan is computed from the rows it starts with; a failure here is a bug, never a user error.
    private static void Require(bool done, string action, string row)
    {
        if (!done)
        {
            throw new InvalidOperationException($"Version rows are inconsistent: cannot {action} '{row}'.");
        }
    }

    private static string[] Ids(IEnumerable<RevisionVertex> items) => items.Select(v => v.Id).ToArray();
}
