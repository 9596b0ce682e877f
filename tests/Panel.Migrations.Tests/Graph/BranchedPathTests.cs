using System;
using System.Linq;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>Two labelled branches from b: a - b - c1 - d1 (c1branch) and b - c2 - d2 (c2branch) (Alembic's BranchedPathTest).</summary>
public class BranchedPathTests
{
    private static readonly RevisionGraph Branched = Parse(
        "a", "b <- a", "c1 <- b label=c1branch", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2");

    [Fact]
    public void UpgradeOneBranch() =>
        Assert.Equal(new[] { "c1: UPDATE b->c1 => c1", "d1: UPDATE c1->d1 => d1" }, Trace(Branched.PlanUpgrade(new[] { "b" }, "d1")));

    [Fact]
    public void UpgradeBothBranchesRunsTheLaterHeadFirstAndInsertsTheSecondBranch()
    {
        var plan = Branched.PlanUpgrade(new[] { "a" }, "heads");

        Assert.Equal(
            new[]
            {
                "b: UPDATE a->b => b",
                "c2: UPDATE b->c2 => c2",
                "d2: UPDATE c2->d2 => d2",
                "c1: INSERT c1 => c1 d2",
                "d1: UPDATE c1->d1 => d1 d2",
            },
            Trace(plan));
        Assert.Equal(Ids(plan), Ids(Branched.PlanUpgrade(new[] { "a" }, new[] { "d1", "d2" })));
    }

    [Fact]
    public void DowngradeBothBranchesDeletesTheBranchThatJoinsAnother()
    {
        var plan = Branched.PlanDowngrade(new[] { "d1", "d2" }, "a");

        Assert.Equal(
            new[]
            {
                "d1: UPDATE d1->c1 => c1 d2",
                "c1: DELETE c1 => d2",
                "d2: UPDATE d2->c2 => c2",
                "c2: UPDATE c2->b => b",
                "b: UPDATE b->a => a",
            },
            Trace(plan));
    }

    [Fact]
    public void UpgradeHeadWithTwoHeadsFails() =>
        Assert.Equal(
            "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
            Error(() => Branched.PlanUpgrade(new[] { "a" }, "head")));

    [Theory]
    [InlineData("c2branch@head-1", new[] { "b" }, new[] { "c2" }, new[] { "c2" })]
    [InlineData("c2branch@+1", new[] { "c1" }, new[] { "c2" }, new[] { "c1", "c2" })]
    [InlineData("c2branch@+1", new[] { "c1", "c2" }, new[] { "d2" }, new[] { "c1", "d2" })]
    [InlineData("c1branch@head", new[] { "a" }, new[] { "b", "c1", "d1" }, new[] { "d1" })]
    public void LabelledUpgrade(string target, string[] current, string[] expected, string[] headsAfter)
    {
        var plan = Branched.PlanUpgrade(current, target);

        Assert.Equal(expected, Ids(plan));
        Assert.Equal(headsAfter, plan.HeadsAfter);
    }

    [Fact]
    public void PlusOneFromTwoHeadsIsAmbiguous() =>
        Assert.Equal(
            "Ambiguous upgrade from multiple current revisions. Name the branch, as in 'label@+1', or the target revision.",
            Error(() => Branched.PlanUpgrade(new[] { "c1", "c2" }, "+1")));

    [Fact]
    public void PlusOneAtABranchPointIsAnAmbiguousWalk() =>
        Assert.Equal(
            "Ambiguous walk. The relative step crosses a branch point or a merge point; name the revision to go to instead.",
            Error(() => Branched.PlanUpgrade(new[] { "b" }, "+1")));

    [Theory]
    [InlineData("base+2", new[] { "d2", "d1" }, new[] { "d1", "c1", "d2", "c2" }, new[] { "b" })]
    [InlineData("c2branch@base+2", new[] { "d2", "d1" }, new[] { "d2", "c2" }, new[] { "d1" })]
    [InlineData("c2branch@base+3", new[] { "d2", "d1" }, new[] { "d2" }, new[] { "c2", "d1" })]
    [InlineData("c2", new[] { "d2", "d1" }, new[] { "d2" }, new[] { "c2", "d1" })]
    [InlineData("c1branch@-1", new[] { "d1", "d2" }, new[] { "d1" }, new[] { "c1", "d2" })]
    [InlineData("d2-1", new[] { "d2", "c1" }, new[] { "d2" }, new[] { "c1", "c2" })]
    [InlineData("c1branch@b", new[] { "c1", "d2" }, new[] { "c1" }, new[] { "d2" })]
    [InlineData("c2branch@b", new[] { "c1", "d2" }, new[] { "d2", "c2" }, new[] { "c1" })]
    [InlineData("c2@b", new[] { "d1", "d2" }, new[] { "d2", "c2" }, new[] { "d1" })]
    [InlineData("d1@b", new[] { "d1", "d2" }, new[] { "d1", "c1" }, new[] { "d2" })]
    [InlineData("c1branch@head-1", new[] { "d1", "d2" }, new[] { "d1" }, new[] { "c1", "d2" })]
    public void DowngradeOneBranch(string target, string[] current, string[] expected, string[] headsAfter)
    {
        var plan = Branched.PlanDowngrade(current, target);

        Assert.Equal(expected, Ids(plan));
        Assert.Equal(headsAfter, plan.HeadsAfter);
    }

    [Fact]
    public void DowngradeSiblingMinusOneTakesDownBothBranchesAsInAlembic()
    {
        // 'c1-1' is b, and everything above b goes (alembic#660); use 'c1@b' for one branch.
        Assert.Equal(new[] { "c1", "c2" }, Ids(Branched.PlanDowngrade(new[] { "c1", "c2" }, "c1-1")));
    }

    [Fact]
    public void DowngradeMinusOneFromTwoHeadsAsksForTheBranch() =>
        Assert.Equal(
            "downgrade -1 from multiple heads is ambiguous (current heads: d1, d2). Name the branch to step down, as in 'label@-1' or '<revision>-1'.",
            Error(() => Branched.PlanDowngrade(new[] { "d2", "d1" }, "-1")));

    [Fact]
    public void DowngradeToAnotherCurrentHeadIsEmpty()
    {
        Assert.True(Branched.PlanDowngrade(new[] { "d1", "c2" }, "c2").IsEmpty);
        Assert.True(Branched.PlanDowngrade(new[] { "d1", "c2" }, "d1").IsEmpty);
    }

    [Fact]
    public void DowngradeFilteredToABranchWithNothingAboveFails() =>
        Assert.Equal(
            "Not a valid downgrade target from current heads. The branch named in the target has nothing above that revision; check the branch label.",
            Error(() => Branched.PlanDowngrade(new[] { "d1", "d2" }, "a@b")));

    [Fact]
    public void OverlappingTargetsFail() =>
        Assert.Equal(
            "Requested revision d1 overlaps with other requested revisions b. Name only the newest of them.",
            Error(() => Branched.PlanUpgrade(Array.Empty<string>(), new[] { "d1", "b" })));

    [Fact]
    public void AlembicDocumentationBranchRunsSplicedBranchFirstThenMergesIt()
    {
        var graph = Parse(
            "1975ea83b712",
            "ae1027a6acf <- 1975ea83b712",
            "27c6a30d7c24 <- ae1027a6acf",
            "3cac04ae8714 <- 1975ea83b712");

        Assert.Equal(
            new[]
            {
                "1975ea83b712: INSERT 1975ea83b712 => 1975ea83b712",
                "3cac04ae8714: UPDATE 1975ea83b712->3cac04ae8714 => 3cac04ae8714",
                "ae1027a6acf: INSERT ae1027a6acf => 3cac04ae8714 ae1027a6acf",
                "27c6a30d7c24: UPDATE ae1027a6acf->27c6a30d7c24 => 27c6a30d7c24 3cac04ae8714",
            },
            Trace(graph.PlanUpgrade(Array.Empty<string>(), "heads")));

        var merged = RevisionGraph.Build(new[] { new RevisionNode("53fffde5ad5", new[] { "27c6a30d7c24", "3cac04ae8714" }) }
            .Concat(graph.Revisions));
        var merge = merged.PlanUpgrade(new[] { "27c6a30d7c24", "3cac04ae8714" }, "head");
        Assert.Equal(new[] { "53fffde5ad5: DELETE 27c6a30d7c24; UPDATE 3cac04ae8714->53fffde5ad5 => 53fffde5ad5" }, Trace(merge));
        Assert.Equal(VersionChangeKind.Merge, merge.Steps[0].Change.Kind);
        Assert.Equal(
            "Ambiguous walk. The relative step crosses a branch point or a merge point; name the revision to go to instead.",
            Error(() => merged.PlanDowngrade(new[] { "53fffde5ad5" }, "-1")));
        Assert.Equal(new[] { "53fffde5ad5" }, Ids(merged.PlanDowngrade(new[] { "53fffde5ad5" }, "3cac04ae8714")));
    }
}
