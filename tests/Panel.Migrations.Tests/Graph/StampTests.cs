using System;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>Stamp: moving version rows without running migrations (Alembic's <c>_stamp_revs</c>).</summary>
public class StampTests
{
    private static readonly RevisionGraph Branched = Parse(
        "a", "b <- a", "c1 <- b label=c1branch", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2");

    private static readonly RevisionGraph MergedPath = Parse(
        "a", "b <- a", "c1 <- b", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2", "e <- d1, d2", "f <- e");

    [Fact]
    public void StampToBaseDeletesTheRow()
    {
        var plan = Parse("a", "b <- a", "c <- b", "d <- c").PlanStamp(new[] { "d" }, "base");

        Assert.Equal(new[] { "d: DELETE d => " }, Trace(plan));
        Assert.True(plan.Steps[0].IsStamp);
    }

    [Fact]
    public void StampDownAcrossBranchesToTheBranchPointJoinsTheRows() =>
        Assert.Equal(new[] { "b: DELETE c2; UPDATE d1->b => b" }, Trace(Branched.PlanStamp(new[] { "d1", "c2" }, "b")));

    [Fact]
    public void StampLabelledBaseDeletesOnlyThatBranch() =>
        Assert.Equal(new[] { "d1: DELETE d1 => c2" }, Trace(Branched.PlanStamp(new[] { "d1", "c2" }, "c1branch@base")));

    [Fact]
    public void StampLabelledHeadMovesOnlyThatBranch() =>
        Assert.Equal(new[] { "d2: UPDATE c2->d2 => d1 d2" }, Trace(Branched.PlanStamp(new[] { "d1", "c2" }, "c2branch@head")));

    [Fact]
    public void StampAcrossAMergePoint()
    {
        Assert.Equal(new[] { "c2: UPDATE e->c2 => c2" }, Trace(MergedPath.PlanStamp(new[] { "e" }, "c2")));
        Assert.Equal(new[] { "a: UPDATE e->a => a" }, Trace(MergedPath.PlanStamp(new[] { "e" }, "a")));
        Assert.Equal(new[] { "e: UPDATE c2->e => e" }, Trace(MergedPath.PlanStamp(new[] { "c2" }, "e")));
        Assert.Equal(new[] { "e: DELETE c2; UPDATE d1->e => e" }, Trace(MergedPath.PlanStamp(new[] { "d1", "c2" }, "e")));
        Assert.Equal(new[] { "f: DELETE c2; UPDATE d1->f => f" }, Trace(MergedPath.PlanStamp(new[] { "d1", "c2" }, "c2branch@head")));
        Assert.Equal(new[] { "e: UPDATE b->e => e" }, Trace(MergedPath.PlanStamp(new[] { "b" }, "e")));
    }

    [Fact]
    public void StampHeadsOfAForest()
    {
        var forest = Parse("a1", "b1 <- a1", "a2", "b2 <- a2");

        Assert.Equal(new[] { "b1: INSERT b1 => b1", "b2: INSERT b2 => b1 b2" }, Trace(forest.PlanStamp(Array.Empty<string>(), "heads")));
        Assert.True(forest.PlanStamp(new[] { "b1", "b2" }, "heads").IsEmpty);
        Assert.Equal(new[] { "b1: UPDATE a1->b1 => b1", "b2: INSERT b2 => b1 b2" }, Trace(forest.PlanStamp(new[] { "a1" }, "heads")));
    }

    [Fact]
    public void StampHeadWithTwoHeadsFails() =>
        Assert.Equal(
            "Multiple heads are present; please specify a single target revision",
            Error(() => Branched.PlanStamp(new[] { "a" }, "head")));

    [Fact]
    public void StampWithPurgeReplacesRowsTheAppDoesNotKnow()
    {
        var plan = Branched.PlanStamp(new[] { "zzz", "d1" }, "c2", purge: true);

        Assert.Equal(new[] { "d1: DELETE d1 => zzz", "zzz: DELETE zzz => ", "c2: INSERT c2 => c2" }, Trace(plan));
        Assert.Equal(Heads("d1", "zzz"), plan.HeadsBefore);
        Assert.Equal(Heads("c2"), plan.HeadsAfter);
    }
}
