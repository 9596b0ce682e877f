using System.Linq;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>One test per graph problem: the kind, where it is reported, and the exact message.</summary>
public class ValidationTests
{
    private static GraphProblem Single(params RevisionNode[] nodes)
    {
        var problem = Assert.Single(RevisionGraph.Validate(nodes));
        var thrown = Assert.Throws<RevisionGraphException>(() => RevisionGraph.Build(nodes));
        Assert.Equal(problem.Message, thrown.Message);
        Assert.Equal(problem.Kind, thrown.Problems.Single().Kind);
        return problem;
    }

    private static void AssertProblem(GraphProblem problem, GraphProblemKind kind, string[] revisions, string message)
    {
        Assert.Equal(kind, problem.Kind);
        Assert.True(problem.IsError);
        Assert.Equal(revisions, problem.Revisions);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void EmptyId() => AssertProblem(
        Single(Nodes("a").Concat(new[] { new RevisionNode("") }).ToArray()),
        GraphProblemKind.EmptyId,
        new[] { "" },
        "A revision has an empty id. Give every migration a revision id, such as 12 hex digits.");

    [Fact]
    public void IdTooLong() => AssertProblem(
        Single(Nodes("abcdefghijklmnopqrstuvwxyz0123456")),
        GraphProblemKind.IdTooLong,
        new[] { "abcdefghijklmnopqrstuvwxyz0123456" },
        "Revision id 'abcdefghijklmnopqrstuvwxyz0123456' is 33 characters long, but the version table stores at most 32 (version_num VARCHAR(32)). Use a shorter id, such as 12 hex digits.");

    [Fact]
    public void IdOfExactly32CharactersIsFine() => Assert.Empty(RevisionGraph.Validate(Nodes("abcdefghijklmnopqrstuvwxyz012345")));

    [Fact]
    public void IllegalCharacters()
    {
        AssertProblem(
            Single(Nodes("a-b")),
            GraphProblemKind.IllegalCharacters,
            new[] { "a-b" },
            "Character(s) '-' not allowed in revision identifier 'a-b'. Remove them from the id: they are reserved for targets such as 'label@head' and '+1'.");
        Assert.Equal(
            "Character(s) '+, :, @' not allowed in revision identifier 'a@b+c:d'. Remove them from the id: they are reserved for targets such as 'label@head' and '+1'.",
            Single(Nodes("a@b+c:d")).Message);
    }

    [Fact]
    public void DuplicateId() => AssertProblem(
        Single(Nodes("a", "b <- a", "b <- a")),
        GraphProblemKind.DuplicateId,
        new[] { "b" },
        "Revision b is present more than once. Give each migration its own revision id.");

    [Fact]
    public void MissingDownRevision() => AssertProblem(
        Single(Nodes("b <- zzz")),
        GraphProblemKind.MissingDownRevision,
        new[] { "b" },
        "Revision zzz referenced from b is not present. Fix the down revision of b, or add the migration zzz.");

    [Fact]
    public void MissingDependency() => AssertProblem(
        Single(Nodes("a", "b <- a depends=lib")),
        GraphProblemKind.MissingDependency,
        new[] { "b" },
        "Revision lib referenced from b is not present. Fix DependsOn of b: name an existing revision id or branch label.");

    [Fact]
    public void SelfLoop() => AssertProblem(
        Single(Nodes("a <- a")),
        GraphProblemKind.SelfLoop,
        new[] { "a" },
        "Self-loop is detected in revisions (a). Revision a names itself as its down revision; name its real parent.");

    [Fact]
    public void DependencySelfLoop() => AssertProblem(
        Single(Nodes("a", "b <- a depends=b")),
        GraphProblemKind.DependencySelfLoop,
        new[] { "b" },
        "Dependency self-loop is detected in revisions (b). Remove b from its own DependsOn.");

    [Fact]
    public void CycleWithoutAnyHead() => AssertProblem(
        Single(Nodes("a", "b <- a, c", "c <- b")),
        GraphProblemKind.Cycle,
        new[] { "a", "b", "c" },
        "Cycle is detected in revisions (a, b, c). Fix the down revisions so that every chain of parents ends at a base.");

    [Fact]
    public void CycleBesideAValidBranchNamesOnlyTheCycle() => AssertProblem(
        Single(Nodes("a", "b <- a, d", "c <- b", "d <- c", "e <- a")),
        GraphProblemKind.Cycle,
        new[] { "b", "c", "d" },
        "Cycle is detected in revisions (b, c, d). Fix the down revisions so that every chain of parents ends at a base.");

    [Fact]
    public void DependencyCycle() => AssertProblem(
        Single(Nodes("a", "b <- a depends=c", "c <- b")),
        GraphProblemKind.DependencyCycle,
        new[] { "a", "b", "c" },
        "Dependency cycle is detected in revisions (a, b, c). Remove the DependsOn entry that closes the loop.");

    [Fact]
    public void DuplicateBranchLabel()
    {
        AssertProblem(
            Single(Nodes("a label=x", "b <- a label=x")),
            GraphProblemKind.DuplicateBranchLabel,
            new[] { "b", "a" },
            "Branch name 'x' in revision b already used by revision a. Give each branch a label of its own.");
        Assert.Equal(
            "Branch name 'a' in revision b already used by revision a. Give each branch a label of its own.",
            Single(Nodes("a", "b <- a label=a")).Message);
    }

    [Fact]
    public void MultipleHeadsAndBasesAreWarningsThatDoNotStopTheBuild()
    {
        var nodes = Nodes("a1", "b1 <- a1", "b2 <- a1", "a2");

        var problems = RevisionGraph.Validate(nodes);

        Assert.Equal(new[] { GraphProblemKind.MultipleHeads, GraphProblemKind.MultipleBases }, problems.Select(p => p.Kind));
        Assert.All(problems, p => Assert.False(p.IsError));
        Assert.Equal(new[] { "a2", "b1", "b2" }, problems[0].Revisions);
        Assert.Equal(
            "Multiple heads are present: a2, b1, b2. Join them with a merge revision (the 'merge' command), or upgrade to 'heads'.",
            problems[0].Message);
        Assert.Equal(
            "Multiple bases are present: a1, a2. That is right for independent branches; otherwise give the newer base a down revision.",
            problems[1].Message);
        Assert.Equal(new[] { "a2", "b1", "b2" }, RevisionGraph.Build(nodes).Heads);
    }

    [Fact]
    public void BuildListsEveryError()
    {
        var error = Assert.Throws<RevisionGraphException>(() => RevisionGraph.Build(Nodes("a", "b <- zzz", "c-d <- a")));

        Assert.Equal(
            "The revision graph has 2 errors:\n"
            + "- Character(s) '-' not allowed in revision identifier 'c-d'. Remove them from the id: they are reserved for targets such as 'label@head' and '+1'.\n"
            + "- Revision zzz referenced from b is not present. Fix the down revision of b, or add the migration zzz.",
            error.Message);
        Assert.Equal(new[] { GraphProblemKind.IllegalCharacters, GraphProblemKind.MissingDownRevision }, error.Problems.Select(p => p.Kind));
    }

    [Fact]
    public void EmptyGraphIsValid()
    {
        var graph = RevisionGraph.Build(Nodes());

        Assert.Empty(graph.Revisions);
        Assert.Empty(graph.UpgradeOrder);
        Assert.True(graph.PlanUpgrade(new string[0], "heads").IsEmpty);
    }
}
