using System;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>Cross-branch dependencies (<c>DependsOn</c>): effective heads, normalisation and version rows.</summary>
public class DependsOnTests
{
    // c2 (on the a2 line) depends on c1 (on the lib1 line) (Alembic's DependsOnBranchTestOne).
    private static readonly RevisionGraph TwoLines = Parse(
        "a1 label=lib1", "b1 <- a1", "c1 <- b1", "a2", "b2 <- a2", "c2 <- b2 depends=c1", "d1 <- c1", "e1 <- d1", "f1 <- e1");

    [Fact]
    public void EffectiveHeadLeavesTheVersionTableOnceItsDependentIsApplied()
    {
        var graph = Parse("a1", "a2 label=lib", "b1 <- a1 depends=lib");

        Assert.Equal(new[] { "a2", "b1" }, graph.Heads);
        Assert.Equal(new[] { "b1" }, graph.RealHeads);
        Assert.Equal(new[] { "a2" }, graph.EffectiveHeads);
        Assert.Equal(new[] { "b1" }, graph.Resolve("heads"));
        Assert.Equal(
            new[] { "a2: INSERT a2 => a2", "a1: INSERT a1 => a1 a2", "b1: DELETE a1; UPDATE a2->b1 => b1" },
            Trace(graph.PlanUpgrade(Array.Empty<string>(), "heads")));
        Assert.Equal(
            "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
            Error(() => graph.PlanUpgrade(Array.Empty<string>(), "head")));
    }

    [Fact]
    public void UpgradeThroughADependencyRunsTheDependencyLineFirst()
    {
        Assert.Equal(
            new[]
            {
                "a1: INSERT a1 => a1",
                "b1: UPDATE a1->b1 => b1",
                "c1: UPDATE b1->c1 => c1",
                "a2: INSERT a2 => a2 c1",
                "b2: UPDATE a2->b2 => b2 c1",
                "c2: DELETE b2; UPDATE c1->c2 => c2",
            },
            Trace(TwoLines.PlanUpgrade(Array.Empty<string>(), "c2")));
    }

    [Fact]
    public void DependencyOnABranchLabelResolvesToItsRevision()
    {
        var graph = Parse(
            "a1 label=lib1", "b1 <- a1", "c1 <- b1 label=c1lib", "a2", "b2 <- a2", "c2 <- b2 depends=c1lib", "d1 <- c1", "e1 <- d1", "f1 <- e1");

        Assert.Equal(new[] { "a1", "b1", "c1", "b2", "c2" }, Ids(graph.PlanUpgrade(new[] { "a2" }, "c2")));
        Assert.Equal(new[] { "b2", "c1" }, graph.NormalizedDownRevisions("c2"));
    }

    [Fact]
    public void DowngradingTheDependencyOfAnotherHeadDeletesItsRow()
    {
        var plan = TwoLines.PlanDowngrade(new[] { "c2", "d1" }, "c1");

        Assert.Equal(new[] { "d1: DELETE d1 => c2" }, Trace(plan));
    }

    [Fact]
    public void DependencyOnOwnDownRevision()
    {
        var graph = Parse("a1", "a2 <- a1 depends=a1");

        Assert.Equal(new[] { "a1" }, graph.NormalizedDownRevisions("a2"));
        Assert.Equal(new[] { "a1: INSERT a1 => a1", "a2: UPDATE a1->a2 => a2" }, Trace(graph.PlanUpgrade(Array.Empty<string>(), "a2")));
        Assert.Equal(new[] { "a2: UPDATE a2->a1 => a1" }, Trace(graph.PlanDowngrade(new[] { "a2" }, "a1")));
    }

    [Fact]
    public void DependencyAlreadyImpliedByAnAncestorIsNormalisedAway()
    {
        var graph = Parse("a1", "a2 <- a1", "a3 <- a2", "b1", "b2 <- b1 depends=a3", "b3 <- b2", "b4 <- b3 depends=a3");

        Assert.Equal(new[] { "b3" }, graph.NormalizedDownRevisions("b4"));
        Assert.Equal(new[] { "b4: UPDATE b4->b3 => b3" }, Trace(graph.PlanDowngrade(new[] { "b4" }, "b3")));
    }

    [Fact]
    public void MergeWithADependencyGoesBackToTheDependentParent()
    {
        var graph = Parse("a1", "b1 depends=a1", "bmerge <- a1, b1");

        Assert.Equal(new[] { "b1: UPDATE a1->b1 => b1" }, Trace(graph.PlanUpgrade(new[] { "a1" }, "b1")));
        Assert.Equal(new[] { "bmerge: UPDATE b1->bmerge => bmerge" }, Trace(graph.PlanUpgrade(new[] { "b1" }, "bmerge")));
        Assert.Equal(new[] { "bmerge: UPDATE bmerge->b1 => b1" }, Trace(graph.PlanDowngrade(new[] { "bmerge" }, "a1")));
        Assert.Equal(new[] { "bmerge: UPDATE bmerge->b1 => b1" }, Trace(graph.PlanDowngrade(new[] { "bmerge" }, "b1")));
    }

    [Fact]
    public void CrissCrossDependenciesRemoveHalfAMergePoint()
    {
        var graph = Parse("a1", "a2 <- a1", "b1", "b2 <- b1 depends=a2", "b3 <- b2", "a3 <- a2 depends=b1");

        Assert.Equal(new[] { "b2: DELETE b2 => a3" }, Trace(graph.PlanDowngrade(new[] { "a3", "b2" }, "b1")));
    }

    [Fact]
    public void DowngradeOfADependedOnBranchTakesItsDependentsDown()
    {
        var graph = Parse("a", "b <- a", "c1 <- b label=c1branch", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2 depends=c1");

        Assert.Equal(new[] { "d2", "c2" }, Ids(graph.PlanDowngrade(new[] { "d1", "d2" }, "c2branch@b")));
        Assert.Equal(Heads("d1"), graph.PlanDowngrade(new[] { "d1", "d2" }, "c2branch@b").HeadsAfter);
        Assert.Equal(
            new[] { "d1: DELETE d1 => d2", "d2: UPDATE d2->c2; INSERT c1 => c1 c2", "c1: DELETE c1 => c2" },
            Trace(graph.PlanDowngrade(new[] { "d1", "d2" }, "c1branch@b")));
    }

    [Fact]
    public void ThreeMergesWithAnOvermerge()
    {
        var graph = Parse(
            "a1", "a2", "a3", "amerge <- a1, a2, a3", "b1", "b2", "bmerge <- b1, b2",
            "c1", "c2", "c3", "cmerge <- c1, c2, c3", "d1 depends=a3,b2,c1");

        // b2 gets no row back: d1 still implies it.
        Assert.Equal(
            new[] { "bmerge: UPDATE bmerge->b1 => amerge b1 cmerge d1" },
            Trace(graph.PlanDowngrade(new[] { "amerge", "bmerge", "cmerge", "d1" }, "b2")));

        // Without d1, b2 has to be written back.
        Assert.Equal(
            new[] { "d1: UPDATE d1->b2 => amerge b1 b2 cmerge" },
            Trace(graph.PlanDowngrade(new[] { "amerge", "d1", "b1", "cmerge" }, "d1@base")));

        var toBase = graph.PlanDowngrade(new[] { "amerge", "b1", "b2", "cmerge" }, "base");
        Assert.Equal(new[] { "amerge", "a1", "b1", "b2", "cmerge", "c1", "a2", "a3", "c2", "c3" }, Ids(toBase));
        Assert.Empty(toBase.HeadsAfter);
    }

    [Fact]
    public void StampAcrossADependency()
    {
        var plan = TwoLines.PlanStamp(new[] { "e1", "c2" }, "b1");

        Assert.Equal(new[] { "b1: DELETE c2; UPDATE e1->b1 => b1" }, Trace(plan));
        Assert.True(plan.Steps[0].IsStamp);
        Assert.Equal(MigrationDirection.Downgrade, plan.Direction);
    }
}
