using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Graph;

/// <summary>
/// Every text the graph shows a user, in one place. The rule: where Alembic has a message, it comes first, verbatim,
/// and a second sentence says how to fix it (unless Alembic's text already does).
/// </summary>
internal static class GraphMessages
{
    public const int MaxIdLength = 32;

    public static string EmptyId() =>
        "A revision has an empty id. Give every migration a revision id, such as 12 hex digits.";

    public static string IdTooLong(string id) =>
        $"Revision id '{id}' is {id.Length} characters long, but the version table stores at most {MaxIdLength} (version_num VARCHAR({MaxIdLength})). Use a shorter id, such as 12 hex digits.";

    public static string IllegalCharacters(string id, IEnumerable<char> characters) =>
        $"Character(s) '{string.Join(", ", characters.Select(c => c.ToString()))}' not allowed in revision identifier '{id}'. Remove them from the id: they are reserved for targets such as 'label@head' and '+1'.";

    public static string DuplicateId(string id) =>
        $"Revision {id} is present more than once. Give each migration its own revision id.";

    public static string MissingDownRevision(string missing, string revision) =>
        $"Revision {missing} referenced from {revision} is not present. Fix the down revision of {revision}, or add the migration {missing}.";

    public static string MissingDependency(string missing, string revision) =>
        $"Revision {missing} referenced from {revision} is not present. Fix DependsOn of {revision}: name an existing revision id or branch label.";

    public static string SelfLoop(string id) =>
        $"Self-loop is detected in revisions ({id}). Revision {id} names itself as its down revision; name its real parent.";

    public static string DependencySelfLoop(string id) =>
        $"Dependency self-loop is detected in revisions ({id}). Remove {id} from its own DependsOn.";

    public static string Cycle(IEnumerable<string> ids) =>
        $"Cycle is detected in revisions ({List(ids)}). Fix the down revisions so that every chain of parents ends at a base.";

    public static string DependencyCycle(IEnumerable<string> ids) =>
        $"Dependency cycle is detected in revisions ({List(ids)}). Remove the DependsOn entry that closes the loop.";

    public static string DuplicateBranchLabel(string label, string revision, string usedBy) =>
        $"Branch name '{label}' in revision {revision} already used by revision {usedBy}. Give each branch a label of its own.";

    public static string MultipleHeads(IEnumerable<string> heads) =>
        $"Multiple heads are present: {List(heads)}. Join them with a merge revision (the 'merge' command), or upgrade to 'heads'.";

    public static string MultipleBases(IEnumerable<string> bases) =>
        $"Multiple bases are present: {List(bases)}. That is right for independent branches; otherwise give the newer base a down revision.";

    public static string GraphErrors(IReadOnlyList<GraphProblem> errors) =>
        errors.Count == 1
            ? errors[0].Message
            : $"The revision graph has {errors.Count} errors:\n" + string.Join("\n", errors.Select(e => "- " + e.Message));

    public static string CantLocate(string argument) =>
        $"Can't locate revision identified by '{argument}'. Run 'history' to list the revisions and branch labels.";

    public static string MalformedRelative(string target, string rest) =>
        $"'{target}' is not a valid target: a relative step is a sign and a whole number (as in '+2', '-1', 'head-1' or 'label@+1'), and '{rest}' follows it. Nothing was changed.";

    public static string EmptyBranchLabel(string target) =>
        $"'{target}' is not a valid target: a branch label or revision must come before '@' (as in 'label@head' or 'label@-1'). Nothing was changed.";

    public static string AmbiguousPrefix(string prefix, IEnumerable<string> candidates) =>
        $"Revision '{prefix}' is ambiguous: it is the start of {List(candidates)}. Give more characters of the revision you mean.";

    public static string UpgradeTargetBelowCurrent(string target, IEnumerable<string> heads) =>
        $"Upgrade target '{target}' is below the current revision ({List(heads)}): upgrade only moves forward, so nothing was changed. " +
        $"To go back to it, run 'downgrade {target}'.";

    public static string MultipleHeadsForArgument(string argument) =>
        $"Multiple head revisions are present for given argument '{argument}'; please specify a specific target revision, '<branchname>@{argument}' to narrow to a specific head, or 'heads' for all heads";

    public const string StampMultipleHeads = "Multiple heads are present; please specify a single target revision";

    public const string AmbiguousWalk =
        "Ambiguous walk. The relative step crosses a branch point or a merge point; name the revision to go to instead.";

    public static string RelativeTooShort(string relative, int count) =>
        $"Relative revision {relative} didn't produce {count} migrations. Run 'history' to see how many revisions there are in that direction.";

    public const string WalkedTooFar = "Walked too far. The relative step goes past the end of the graph; use a smaller number.";

    public const string AmbiguousUpgrade =
        "Ambiguous upgrade from multiple current revisions. Name the branch, as in 'label@+1', or the target revision.";

    public static string NotValidDowngradeTarget(string destination) =>
        $"Destination {destination} is not a valid downgrade target from current head(s). It is not below the current head(s); run 'current' and 'history' to pick a revision below them.";

    public const string NoDowngradeRootOnBranch =
        "Not a valid downgrade target from current heads. The branch named in the target has nothing above that revision; check the branch label.";

    public static string Overlap(string target, IEnumerable<string> others) =>
        $"Requested revision {target} overlaps with other requested revisions {List(others)}. Name only the newest of them.";

    public static string DowngradeOneFromMultipleHeads(IEnumerable<string> heads) =>
        $"downgrade -1 from multiple heads is ambiguous (current heads: {List(heads)}). Name the branch to step down, as in 'label@-1' or '<revision>-1'.";

    public static string UnknownCurrentHeads(IReadOnlyList<string> ids) =>
        (ids.Count == 1 ? $"The database is at revision {ids[0]}, " : $"The database is at revisions {List(ids)}, ")
        + "which this application does not know: the database was migrated by a newer version of the application. Run that version, or downgrade with it first.";

    public const string HistoryRangeSyntax = "History range requires [start]:[end], [start]:, or :[end]";

    public static string RangeNotAncestor(string start, string end) =>
        $"Requested range {start}:{end} does not refer to ancestor/descendant revisions along the same branch. Pick a start that is an ancestor of the end.";

    public static string SquashRepeats(string squash, IEnumerable<string> repeated) =>
        $"Squash {squash} lists {List(repeated)} more than once, or itself, in Replaces. List each replaced revision once, oldest first.";

    public static string SquashPartlyDeleted(string squash, IEnumerable<string> range, IEnumerable<string> present) =>
        $"Squash {squash} replaces {List(range)}, but only {List(present)} of them are in the build. Delete all the migrations it replaces, or none.";

    public static string SquashNotLinear(string squash, IReadOnlyList<string> range, string revision, IEnumerable<string> parents, IEnumerable<string> expected) =>
        $"Squash {squash} must replace a linear range, oldest first, that starts where the squash starts: revision {revision} has down revision(s) ({List(parents)}), " +
        $"but the range {List(range)} needs ({List(expected)}). Replace a range without branches or merges, list it oldest first, and give the squash the first revision's down revision.";

    public static string SquashMiddleDependedOn(string squash, IReadOnlyList<string> range, string revision, string middle) =>
        $"Revision {revision} builds on {middle}, which is in the middle of the range {List(range)} that squash {squash} replaces: " +
        $"only the last revision {range[range.Count - 1]} (or {squash}) can be built on. Point {revision} at {range[range.Count - 1]}, or squash a range that ends at {middle}.";

    public static string SquashBuildsOnItsRange(string squash, string replaced, IReadOnlyList<string>? rangeParents) =>
        $"Squash {squash} names {replaced}, one of the revisions it replaces, as its down revision or dependency: a replaced revision is not also a live parent. " +
        (rangeParents is null ? "Give the squash the down revision of the first revision it replaces." :
            rangeParents.Count == 0 ? "The range starts at a base, so the squash has no down revision." : $"Give the squash the down revision {List(rangeParents)}.");

    public static string ReplacedTwice(string replaced, string first, string second) =>
        $"Revision {replaced} is replaced by both squash {first} and squash {second}. Keep one squash of the range (delete the other), or make their ranges separate.";

    public static string SquashOfSquash(string squash, string replaced) =>
        $"Squash {squash} replaces {replaced}, which is itself a squash. Squash the revisions {replaced} replaces together with the rest instead.";

    public static string SquashedAway(string revision, SquashedRange range) =>
        $"Revision {revision} was squashed into {range.Squash} (which replaces {List(range.Replaced)}), and the replaced migrations are no longer in this build.";

    private static string List(IEnumerable<string> ids) => string.Join(", ", ids);
}
