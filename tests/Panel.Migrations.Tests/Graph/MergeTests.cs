using System;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>Merge points: merged paths, branches from a merge point, 3-way and twin merges, forests.</summary>
public class MergeTests
{
    private static readonly RevisionGraph MergedPath = Parse(
        "a", "b <- a", "c1 <- b", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2", "e <- d1, d2", "f <- e");

    [Fact]
    public void UpgradeAcrossAMergePointJoinsTheRows()
    {
        var plan = MergedPath.PlanUpgrade(new[] { "b" }, "f");

        Assert.Equal(
            new[]
            {
                "c2: UPDATE b->c2 => c2",
                "d2: UPDATE c2->d2 => d2",
                "c1: INSERT c1 => c1 d2",
                "d1: UPDATE c1->d1 => d1 d2",
                "e: DELETE d1; UPDATE d2->e => e",
                "f: UPDATE e->f => f",
            },
            Trace(plan));
        Assert.Equal(VersionChangeKind.Merge, plan.Steps[4].Change.Kind);
    }

    [Fact]
    public void DowngradeAcrossAMergePointSplitsTheRows()
    {
        var plan = MergedPath.PlanDowngrade(new[] { "f" }, "b");

        Assert.Equal(
            new[]
            {
                "f: UPDATE f->e => e",
                "e: UPDATE e->d2; INSERT d1 => d1 d2",
                "d1: UPDATE d1->c1 => c1 d2",
                "c1: DELETE c1 => d2",
                "d2: UPDATE d2->c2 => c2",
                "c2: UPDATE c2->b => b",
            },
            Trace(plan));
        Assert.Equal(VersionChangeKind.Unmerge, plan.Steps[1].Change.Kind);
    }

    [Fact]
    public void MergeParentListedLastIsUpgradedFirst()
    {
        Assert.Equal(new[] { "a", "b2", "b1", "c", "d" }, Parse("a", "b1 <- a", "b2 <- a", "c <- b1, b2", "d <- c").UpgradeOrder);
        Assert.Equal(new[] { "a", "b1", "b2", "c", "d" }, Parse("a", "b1 <- a", "b2 <- a", "c <- b2, b1", "d <- c").UpgradeOrder);
    }

    [Fact]
    public void BranchFromMergePointUpgradesOnlyTheMissingSide()
    {
        var graph = Parse("a1", "b1 <- a1", "c1 <- b1", "a2", "b2 <- a2", "c2 <- b2", "d1 <- c1, c2", "d2 <- c2");

        Assert.Equal(
            new[] { "c1: UPDATE b1->c1 => c1 d2", "d1: UPDATE c1->d1 => d1 d2" },
            Trace(graph.PlanUpgrade(new[] { "d2", "b1" }, "d1")));

        var down = graph.PlanDowngrade(new[] { "d2", "d1" }, "b1");
        Assert.Equal(new[] { "d1: UPDATE d1->c1 => c1 d2", "c1: UPDATE c1->b1 => b1 d2" }, Trace(down));
        Assert.Equal(VersionChangeKind.Unmerge, down.Steps[0].Change.Kind);
    }

    [Fact]
    public void BranchFromThreeWayMergePoint()
    {
        var graph = Parse(
            "a1", "b1 <- a1", "c1 <- b1", "a2", "b2 <- a2", "c2 <- b2", "a3", "b3 <- a3", "c3 <- b3",
            "d1 <- c1, c2, c3", "d2 <- c2", "d3 <- c3");

        var oneSide = graph.PlanUpgrade(new[] { "d3", "d2", "b1" }, "d1");
        Assert.Equal(new[] { "c1", "d1" }, Ids(oneSide));
        Assert.Equal(Heads("d1", "d2", "d3"), oneSide.HeadsAfter);

        Assert.Equal(new[] { "d1", "c1" }, Ids(graph.PlanDowngrade(new[] { "d3", "d2", "d1" }, "b1")));
        Assert.Equal(Heads("b1", "d2", "d3"), graph.PlanDowngrade(new[] { "d3", "d2", "d1" }, "b1").HeadsAfter);

        Assert.Equal(
            new[]
            {
                "c2: UPDATE b2->c2 => b1 c2 d3",
                "c1: UPDATE b1->c1 => c1 c2 d3",
                "d1: DELETE c1; UPDATE c2->d1 => d1 d3",
            },
            Trace(graph.PlanUpgrade(new[] { "d3", "b2", "b1" }, "d1")));

        // b2's line breaks out of the merge again when it goes on.
        Assert.Equal(new[] { "d2: INSERT d2 => d1 d2 d3" }, Trace(graph.PlanUpgrade(new[] { "d3", "d1" }, "d2")));
    }

    [Fact]
    public void TwinMergesFromTheSameThreeBranches()
    {
        var graph = Parse("a", "b1 <- a", "b2 <- a", "b3 <- a", "c1 <- b1, b2, b3", "c2 <- b1, b2, b3", "d1 <- c1", "d2 <- c2");

        Assert.Equal(
            new[]
            {
                "b3: UPDATE a->b3 => b3",
                "b2: INSERT b2 => b2 b3",
                "b1: INSERT b1 => b1 b2 b3",
                "c2: DELETE b1; DELETE b2; UPDATE b3->c2 => c2",
                "d2: UPDATE c2->d2 => d2",
                "c1: INSERT c1 => c1 d2",
                "d1: UPDATE c1->d1 => d1 d2",
            },
            Trace(graph.PlanUpgrade(new[] { "a" }, "heads")));
    }

    [Fact]
    public void NotQuiteTwinMerges()
    {
        var graph = Parse("a", "b1 <- a", "b2 <- a", "b3 <- a", "c1 <- b1, b2", "c2 <- b2, b3", "d1 <- c1", "d2 <- c2");

        Assert.Equal(
            new[]
            {
                "b2: UPDATE a->b2 => b2",
                "b3: INSERT b3 => b2 b3",
                "c2: DELETE b2; UPDATE b3->c2 => c2",
                "d2: UPDATE c2->d2 => d2",
                "b1: INSERT b1 => b1 d2",
                "c1: UPDATE b1->c1 => c1 d2",
                "d1: UPDATE c1->d1 => d1 d2",
            },
            Trace(graph.PlanUpgrade(new[] { "a" }, "heads")));
    }

    [Fact]
    public void ForestUpgradesTheLaterTreeFirst()
    {
        var graph = Parse("a1", "b1 <- a1", "a2", "b2 <- a2");

        Assert.Equal(
            new[] { "a2: INSERT a2 => a2", "b2: UPDATE a2->b2 => b2", "a1: INSERT a1 => a1 b2", "b1: UPDATE a1->b1 => b1 b2" },
            Trace(graph.PlanUpgrade(Array.Empty<string>(), "heads")));
        Assert.Equal(new[] { "b1", "a1", "b2", "a2" }, Ids(graph.PlanDowngrade(new[] { "b1", "b2" }, "base")));
        Assert.Equal(new[] { "b1", "a1" }, Ids(graph.PlanDowngrade(new[] { "b1", "b2" }, "a1@base")));
    }
}
