using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>
/// A squash as the graph uses it: one migration that replaces a linear range of revisions. It is recorded in the version
/// table under the range's last revision (<see cref="End"/>), so a database at the end of the range is already at the
/// squash, and Alembic (or an older build) sees a revision it knows.
/// </summary>
public sealed class SquashedRange
{
    /// <summary>Describes a squash.</summary>
    /// <param name="squash">The squash's own revision id.</param>
    /// <param name="replaced">The revisions it replaces, oldest first.</param>
    /// <param name="replacedInBuild">Whether the replaced migrations are still in the build.</param>
    public SquashedRange(string squash, IReadOnlyList<string> replaced, bool replacedInBuild)
    {
        Squash = squash;
        Replaced = replaced;
        ReplacedInBuild = replacedInBuild;
    }

    /// <summary>The squash's own revision id (its class's <c>[Migration]</c> id).</summary>
    public string Squash { get; }

    /// <summary>The revisions it replaces, oldest first.</summary>
    public IReadOnlyList<string> Replaced { get; }

    /// <summary>The last replaced revision: the id the squash is recorded under in the version table.</summary>
    public string End => Replaced[Replaced.Count - 1];

    /// <summary>
    /// True while the replaced migrations are still in the build: a database inside the range upgrades through them, and
    /// a downgrade may stop inside the range. Once they are deleted, only the squash remains.
    /// </summary>
    public bool ReplacedInBuild { get; }

    /// <summary>Whether <paramref name="revision"/> is one of the replaced revisions before the last.</summary>
    public bool IsInside(string revision)
    {
        for (var i = 0; i < Replaced.Count - 1; i++)
        {
            if (Replaced[i] == revision)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Squash + " replaces " + string.Join(", ", Replaced);
}
