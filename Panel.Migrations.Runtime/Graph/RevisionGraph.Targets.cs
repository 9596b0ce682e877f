using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>The target grammar (Alembic's RevisionMap resolution): ids, partial ids, symbols, <c>label@...</c> and relative walks.</summary>
public sealed partial class RevisionGraph
{
    /// <summary>
    /// Resolves a target to revision ids: a full or unique partial id, a branch label, <c>head</c>, <c>heads</c>,
    /// <c>base</c> (no revisions), <c>label@head</c>, <c>label@heads</c>, <c>label@base</c> or <c>label@rev</c>.
    /// Relative forms need the current heads; use the plan methods for them.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target names nothing, or <c>head</c> is ambiguous.</exception>
    public IReadOnlyList<string> Resolve(string target) => Translate(() => Ids(GetRevisions(target)), null);

    /// <summary>
    /// Alembic's <c>_catch_revision_errors</c>: every resolution failure becomes "Can't locate revision identified by",
    /// and several heads for <c>head</c> get the message of the command (named after <paramref name="end"/>).
    /// </summary>
    private static T Translate<T>(Func<T> body, string? end, string? multipleHeadsMessage = null)
    {
        try
        {
            return body();
        }
        catch (MultipleHeadsFound found)
        {
            throw new RevisionGraphException(multipleHeadsMessage ?? GraphMessages.MultipleHeadsForArgument(end ?? found.Argument));
        }
        catch (RevisionNotFound notFound)
        {
            throw new RevisionGraphException(GraphMessages.CantLocate(notFound.Argument));
        }
    }

    /// <summary>An id or branch label, exactly.</summary>
    private RevisionVertex? Lookup(string key) =>
        byId.TryGetValue(key, out var vertex) || byLabel.TryGetValue(key, out vertex) ? vertex : null;

    /// <summary>Alembic's <c>_resolve_revision_number</c>: splits <c>label@</c> off and expands the symbols to ids.</summary>
    private (List<string> Ids, string? Label) ResolveNumber(string? target)
    {
        string? label = null;
        var at = target?.IndexOf('@') ?? -1;
        if (at == 0)
        {
            throw new RevisionGraphException(GraphMessages.EmptyBranchLabel(target!));
        }

        if (at > 0)
        {
            label = target!.Substring(0, at);
            target = target.Substring(at + 1);
        }

        switch (target)
        {
            case "heads":
                return (label is null ? RealHeads.ToList() : Ids(FilterForLineage(vertices.Where(v => v.IsHead), label)).ToList(), label);
            case "head":
                var head = CurrentHead(label);
                return (head is null ? new List<string>() : new List<string> { head.Id }, label);
            case "base":
            case null:
                return (new List<string>(), label);
            default:
                return (new List<string> { target }, label);
        }
    }

    private RevisionVertex? CurrentHead(string? label)
    {
        var heads = vertices.Where(v => v.IsHead).ToList();
        if (label is not null)
        {
            heads = FilterForLineage(heads, label);
        }

        if (heads.Count > 1)
        {
            throw new MultipleHeadsFound(label is null ? "head" : label + "@head");
        }

        return heads.FirstOrDefault();
    }

    /// <summary>Every revision a target names (absolute forms only); empty for <c>base</c>.</summary>
    private List<RevisionVertex> GetRevisions(string? target)
    {
        var (ids, label) = ResolveNumber(target);
        return ids.Select(id => ForIdent(id, label)).ToList();
    }

    /// <summary>The one revision a target names, or null for <c>base</c>.</summary>
    private RevisionVertex? GetRevision(string? target)
    {
        var (ids, label) = ResolveNumber(target);
        if (ids.Count > 1)
        {
            throw new MultipleHeadsFound(target ?? "heads");
        }

        if (ids.Count == 0)
        {
            if (label is not null)
            {
                ResolveBranch(label);
            }

            return null;
        }

        return ForIdent(ids[0], label);
    }

    /// <summary>A branch label, or a revision (full or partial id) standing for the branch it is on.</summary>
    private RevisionVertex ResolveBranch(string label) => Lookup(label) ?? ForIdent(label, null);

    /// <summary>
    /// Alembic's <c>_revision_for_ident</c>: an exact id or label wins; otherwise a unique prefix of an id or label longer
    /// than 3 characters. With a branch, the revision must share its lineage.
    /// </summary>
    private RevisionVertex ForIdent(string ident, string? branchLabel)
    {
        var branch = branchLabel is null ? null : ResolveBranch(branchLabel);
        var vertex = Lookup(ident);
        if (vertex is null)
        {
            var candidates = ident.Length == 0
                ? new List<RevisionVertex>()
                : vertices.Where(v => v.Id.Length > 3 && v.Id.StartsWith(ident, StringComparison.Ordinal))
                    .Concat(byLabel.Where(l => l.Key.Length > 3 && l.Key.StartsWith(ident, StringComparison.Ordinal)).Select(l => l.Value))
                    .Distinct()
                    .ToList();
            if (branchLabel is not null)
            {
                candidates = FilterForLineage(candidates, branchLabel);
            }

            if (candidates.Count > 1)
            {
                throw new RevisionGraphException(GraphMessages.AmbiguousPrefix(ident, candidates.Select(c => c.Id).OrderBy(id => id, StringComparer.Ordinal)));
            }

            if (candidates.Count == 0)
            {
                throw new RevisionNotFound(ident);
            }

            vertex = candidates[0];
        }

        if (branch is not null && !SharesLineage(vertex, new[] { branch }, includeDependencies: false))
        {
            throw new RevisionNotFound(ident);
        }

        return vertex;
    }

    /// <summary>Alembic's <c>filter_for_lineage</c>: the targets above or below what <paramref name="checkAgainst"/> names.</summary>
    private List<RevisionVertex> FilterForLineage(IEnumerable<RevisionVertex> targets, string? checkAgainst, bool includeDependencies = false)
    {
        var (ids, label) = ResolveNumber(checkAgainst);
        var shares = new List<RevisionVertex>();
        if (label is not null)
        {
            shares.Add(ForIdent(label, null));
        }

        shares.AddRange(ids.Select(id => ForIdent(id, null)));
        return targets.Where(t => SharesLineage(t, shares, includeDependencies)).ToList();
    }

    /// <summary>Alembic's <c>_get_all_current</c>: the branch tips of the current heads and everything below them.</summary>
    private static List<RevisionVertex> AllCurrent(IReadOnlyList<RevisionVertex> current)
    {
        var all = Ancestors(current);
        return all.Where(v => IsTip(v, all)).OrderBy(v => v.LoadIndex).ToList();

        static bool IsTip(RevisionVertex vertex, HashSet<RevisionVertex> among)
        {
            var above = Descendants(new[] { vertex }, includeDependencies: false);
            above.Remove(vertex);
            return !above.Overlaps(among);
        }
    }

    /// <summary>
    /// Alembic's <c>_walk</c>: one step at a time, up via children (or from nothing to the bases) or down via down
    /// revisions (below a base is <c>base</c>). A fork is an error; running out gives null, or stops there when
    /// <paramref name="strict"/> is false.
    /// </summary>
    private Spot? Walk(Spot start, int steps, string? branchLabel = null, bool strict = true)
    {
        var at = start;
        for (var i = 0; i < Math.Abs((long)steps); i++)
        {
            List<Spot> next;
            if (steps > 0)
            {
                var up = at.Vertex is null ? vertices.Where(v => v.IsBase).ToList() : at.Vertex.Next;
                if (branchLabel is not null)
                {
                    up = FilterForLineage(up, branchLabel);
                }

                next = up.Select(Spot.At).ToList();
            }
            else if (at.IsBase)
            {
                next = new List<Spot>();
            }
            else
            {
                var down = at.Vertex is null ? vertices.Where(v => v.IsHead).ToList() : at.Vertex.Down;
                next = down.Count == 0 ? new List<Spot> { Spot.Base } : down.Select(Spot.At).ToList();
            }

            if (next.Count == 0)
            {
                return strict ? null : at;
            }

            if (next.Count > 1)
            {
                throw new RevisionGraphException(GraphMessages.AmbiguousWalk);
            }

            at = next[0];
        }

        return at;
    }

    /// <summary>Alembic's <c>_parse_upgrade_target</c>: the revisions an upgrade (or a history range) goes to.</summary>
    private List<RevisionVertex> ParseUpgradeTarget(IReadOnlyList<RevisionVertex> current, string target, bool strict = true)
    {
        var relative = RelativeTarget.Parse(target);
        if (relative is null)
        {
            return GetRevisions(target);
        }

        if (relative.Steps > 0)
        {
            if (relative.Symbol is not null)
            {
                return (Walk(Spot.Of(GetRevision(relative.Symbol)), relative.Steps, relative.Label, strict)
                    ?? throw new RevisionGraphException(GraphMessages.WalkedTooFar)).Targets();
            }

            var starts = UpgradeStarts(current, relative.Label);
            if (starts.Count > 1)
            {
                throw new RevisionGraphException(GraphMessages.AmbiguousUpgrade);
            }

            return (Walk(starts[0], relative.Steps, relative.Label, strict)
                ?? throw new RevisionGraphException(GraphMessages.RelativeTooShort(relative.Relative, relative.Steps))).Targets();
        }

        if (relative.Symbol is null)
        {
            throw new RevisionGraphException(GraphMessages.RelativeTooShort(relative.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), Math.Abs(relative.Steps)));
        }

        var from = relative.Label is null ? GetRevision(relative.Symbol) : GetRevision(relative.Label + "@" + relative.Symbol);
        return (Walk(Spot.Of(from), relative.Steps, null, strict) ?? throw new RevisionGraphException(GraphMessages.WalkedTooFar)).Targets();
    }

    /// <summary>Where <c>+N</c> and <c>label@+N</c> start: the current head on that branch, or the branch's tip below them.</summary>
    private List<Spot> UpgradeStarts(IReadOnlyList<RevisionVertex> current, string? label)
    {
        if (current.Count == 0)
        {
            return new List<Spot> { Spot.Empty };
        }

        if (label is null)
        {
            return current.Select(Spot.At).ToList();
        }

        var onBranch = FilterForLineage(current, label);
        if (onBranch.Count > 0)
        {
            return onBranch.Select(Spot.At).ToList();
        }

        // The branch has no current head: start from the tips of the applied revisions that are on it.
        var applied = FilterForLineage(Ancestors(current).OrderBy(v => v.LoadIndex), label);
        var below = new HashSet<RevisionVertex>(applied.SelectMany(v => v.NormalizedDown));
        var tips = applied.Where(v => !below.Contains(v)).Select(Spot.At).ToList();
        return tips.Count > 0 ? tips : new List<Spot> { Spot.Empty };
    }

    /// <summary>
    /// Alembic's <c>_parse_downgrade_target</c>: the branch label to filter by and the revision to go down to (null
    /// for base). Unlike Alembic, <c>-N</c> from several heads is an error instead of a warning and a random branch.
    /// </summary>
    private (string? Label, RevisionVertex? Destination) ParseDowngradeTarget(IReadOnlyList<RevisionVertex> current, string? target)
    {
        if (target is null)
        {
            return (null, null);
        }

        var relative = RelativeTarget.Parse(target);
        if (relative is null)
        {
            var at = target.LastIndexOf('@');
            var label = at > 0 ? target.Substring(0, at) : null;
            return (label, GetRevision(target.Substring(at + 1)));
        }

        if (relative.Steps >= 0)
        {
            if (relative.Symbol is null)
            {
                throw new RevisionGraphException(GraphMessages.RelativeTooShort(relative.Relative, relative.Steps));
            }

            var up = Walk(Spot.Of(GetRevision(relative.Symbol)), relative.Steps, relative.Label)
                ?? throw new RevisionGraphException(GraphMessages.WalkedTooFar);
            return (relative.Label, up.Vertex);
        }

        var branch = relative.Label;
        var symbol = relative.Symbol;
        var fromCurrent = symbol is null;
        if (fromCurrent)
        {
            var candidates = branch is null ? current.ToList() : FilterForLineage(current, branch);
            if (branch is not null && candidates.Count == 0)
            {
                candidates = FilterForLineage(AllCurrent(current), branch);
            }

            if (candidates.Count == 0)
            {
                throw new RevisionGraphException(GraphMessages.RelativeTooShort(relative.Relative, -relative.Steps));
            }

            if (candidates.Count > 1)
            {
                throw new RevisionGraphException(GraphMessages.DowngradeOneFromMultipleHeads(candidates.Select(c => c.Id)));
            }

            symbol = candidates[0].Id;
            branch ??= symbol;
        }

        var start = branch is null ? GetRevision(symbol) : GetRevision(branch + "@" + symbol);
        var down = Walk(Spot.Of(start), relative.Steps) ?? throw new RevisionGraphException(
            fromCurrent ? GraphMessages.RelativeTooShort(relative.Relative, -relative.Steps) : GraphMessages.WalkedTooFar);
        return (branch, down.Vertex);
    }

    /// <summary>A place a walk can be: a revision, nothing (below every base, where walks up start), or <c>base</c>.</summary>
    private readonly struct Spot
    {
        private Spot(RevisionVertex? vertex, bool isBase)
        {
            Vertex = vertex;
            IsBase = isBase;
        }

        public static Spot Empty => default;

        public static Spot Base => new Spot(null, true);

        public RevisionVertex? Vertex { get; }

        public bool IsBase { get; }

        public static Spot At(RevisionVertex vertex) => new Spot(vertex, false);

        public static Spot Of(RevisionVertex? vertex) => vertex is null ? Empty : At(vertex);

        public List<RevisionVertex> Targets() => Vertex is null ? new List<RevisionVertex>() : new List<RevisionVertex> { Vertex };
    }

    /// <summary>Alembic's <c>MultipleHeads</c>: the command decides the message.</summary>
    private sealed class MultipleHeadsFound : Exception
    {
        public MultipleHeadsFound(string argument) => Argument = argument;

        public string Argument { get; }
    }

    /// <summary>Alembic's <c>ResolutionError</c>: shown as "Can't locate revision identified by".</summary>
    private sealed class RevisionNotFound : Exception
    {
        public RevisionNotFound(string argument) => Argument = argument;

        public string Argument { get; }
    }
}
