using System;
using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>
/// One revision exactly as it is declared: plain strings only, with value equality over every field, so that the
/// source generator can cache it between compilations.
/// </summary>
public sealed class RevisionNode : IEquatable<RevisionNode>
{
    /// <summary>Declares a revision.</summary>
    /// <param name="id">The revision id, as stored in <c>alembic_version.version_num</c>.</param>
    /// <param name="downRevisions">The parents: none for a base, several for a merge point.</param>
    /// <param name="branchLabels">Names that <c>label@...</c> targets can use for this revision's branch.</param>
    /// <param name="dependsOn">Revision ids or branch labels that must be applied first (Alembic's <c>depends_on</c>).</param>
    /// <param name="replaces">For a squash: the revisions it replaces, oldest first (a linear range ending where the squash is recorded).</param>
    public RevisionNode(
        string id,
        IReadOnlyList<string>? downRevisions = null,
        IReadOnlyList<string>? branchLabels = null,
        IReadOnlyList<string>? dependsOn = null,
        IReadOnlyList<string>? replaces = null)
    {
        Id = id ?? string.Empty;
        DownRevisions = Copy(downRevisions);
        BranchLabels = Copy(branchLabels);
        DependsOn = Copy(dependsOn);
        Replaces = Copy(replaces);
    }

    /// <summary>The revision id.</summary>
    public string Id { get; }

    /// <summary>The parents of this revision; empty for a base, several for a merge point.</summary>
    public IReadOnlyList<string> DownRevisions { get; }

    /// <summary>The branch labels this revision declares.</summary>
    public IReadOnlyList<string> BranchLabels { get; }

    /// <summary>Revision ids or branch labels this revision depends on, besides its parents.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>For a squash, the revisions it replaces, oldest first; empty for any other revision.</summary>
    public IReadOnlyList<string> Replaces { get; }

    /// <summary>True when this revision is a squash (it replaces a range of revisions).</summary>
    public bool IsSquash => Replaces.Count > 0;

    /// <inheritdoc />
    public bool Equals(RevisionNode? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && SameItems(DownRevisions, other.DownRevisions)
        && SameItems(BranchLabels, other.BranchLabels)
        && SameItems(DependsOn, other.DependsOn)
        && SameItems(Replaces, other.Replaces);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RevisionNode);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = StringComparer.Ordinal.GetHashCode(Id);
        hash = Combine(hash, DownRevisions);
        hash = Combine(hash, BranchLabels);
        hash = Combine(hash, DependsOn);
        return Combine(hash, Replaces);
    }

    /// <inheritdoc />
    public override string ToString() =>
        DownRevisions.Count == 0 ? Id + " <- (base)" : Id + " <- " + string.Join(", ", DownRevisions);

    private static string[] Copy(IReadOnlyList<string>? items)
    {
        if (items is null || items.Count == 0)
        {
            return Array.Empty<string>();
        }

        var copy = new string[items.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i] ?? string.Empty;
        }

        return copy;
    }

    private static bool SameItems(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int Combine(int hash, IReadOnlyList<string> items)
    {
        unchecked
        {
            hash = (hash * 31) + items.Count;
            foreach (var item in items)
            {
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(item);
            }

            return hash;
        }
    }
}
