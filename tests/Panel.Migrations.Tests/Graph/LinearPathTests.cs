using System;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>A straight line a - b - c - d - e (Alembic's RevisionPathTest).</summary>
public class LinearPathTests
{
    private static readonly RevisionGraph Line = Parse("a", "b <- a", "c <- b", "d <- c", "e <- d");

    [Fact]
    public void UpgradeHeadFromEmptyInsertsThenUpdatesOneRow()
    {
        var plan = Line.PlanUpgrade(Array.Empty<string>(), "head");

        Assert.Equal(MigrationDirection.Upgrade, plan.Direction);
        Assert.Equal(
            new[]
            {
                "a: INSERT a => a",
                "b: UPDATE a->b => b",
                "c: UPDATE b->c => c",
                "d: UPDATE c->d => d",
                "e: UPDATE d->e => e",
            },
            Trace(plan));
        Assert.Equal(VersionChangeKind.Insert, plan.Steps[0].Change.Kind);
        Assert.Equal(VersionChangeKind.Update, plan.Steps[1].Change.Kind);
        Assert.Empty(plan.HeadsBefore);
        Assert.Equal(Heads("e"), plan.HeadsAfter);
    }

    [Fact]
    public void UpgradeRunsOnlyWhatIsMissing()
    {
        Assert.Equal(new[] { "d", "e" }, Ids(Line.PlanUpgrade(new[] { "c" }, "e")));
        Assert.Equal(new[] { "a", "b", "c" }, Ids(Line.PlanUpgrade(Array.Empty<string>(), "c")));
    }

    [Fact]
    public void UpgradeToAnAppliedRevisionIsEmpty()
    {
        var plan = Line.PlanUpgrade(new[] { "c" }, "b");

        Assert.True(plan.IsEmpty);
        Assert.Equal(Heads("c"), plan.HeadsAfter);
    }

    [Theory]
    [InlineData("+2", "a", new[] { "b", "c" })]
    [InlineData("+1", "a", new[] { "b" })]
    [InlineData("+3", "b", new[] { "c", "d", "e" })]
    [InlineData("b+2", "a", new[] { "b", "c", "d" })]
    [InlineData("d-2", "a", new[] { "b" })]
    [InlineData("+1", null, new[] { "a" })]
    [InlineData("base+1", null, new[] { "a" })]
    public void RelativeUpgrade(string target, string? current, string[] expected) =>
        Assert.Equal(expected, Ids(Line.PlanUpgrade(current is null ? Array.Empty<string>() : new[] { current }, target)));

    [Fact]
    public void RelativeUpgradeThatRunsOutFails()
    {
        Assert.Equal(
            "Relative revision -2 didn't produce 2 migrations. Run 'history' to see how many revisions there are in that direction.",
            Error(() => Line.PlanUpgrade(new[] { "b" }, "-2")));
        Assert.Equal(
            "Relative revision +5 didn't produce 5 migrations. Run 'history' to see how many revisions there are in that direction.",
            Error(() => Line.PlanUpgrade(new[] { "b" }, "+5")));
        Assert.Equal(
            "Walked too far. The relative step goes past the end of the graph; use a smaller number.",
            Error(() => Line.PlanUpgrade(new[] { "a" }, "b+10")));
    }

    [Fact]
    public void DowngradeRunsHeadsFirst()
    {
        var plan = Line.PlanDowngrade(new[] { "e" }, "c");

        Assert.Equal(MigrationDirection.Downgrade, plan.Direction);
        Assert.Equal(new[] { "e: UPDATE e->d => d", "d: UPDATE d->c => c" }, Trace(plan));
    }

    [Fact]
    public void DowngradeToBaseDeletesTheLastRow()
    {
        var plan = Line.PlanDowngrade(new[] { "c" }, "base");

        Assert.Equal(new[] { "c: UPDATE c->b => b", "b: UPDATE b->a => a", "a: DELETE a => " }, Trace(plan));
        Assert.Equal(VersionChangeKind.Delete, plan.Steps[2].Change.Kind);
        Assert.Empty(plan.HeadsAfter);
    }

    [Theory]
    [InlineData("-1", "c", new[] { "c" }, "b")]
    [InlineData("-3", "e", new[] { "e", "d", "c" }, "b")]
    [InlineData("a+2", "d", new[] { "d" }, "c")]
    [InlineData("c-2", "d", new[] { "d", "c", "b" }, "a")]
    public void RelativeDowngrade(string target, string current, string[] expected, string headAfter)
    {
        var plan = Line.PlanDowngrade(new[] { current }, target);

        Assert.Equal(expected, Ids(plan));
        Assert.Equal(Heads(headAfter), plan.HeadsAfter);
    }

    [Fact]
    public void DowngradeMinusOneFromTheBaseEmptiesTheTable()
    {
        var plan = Line.PlanDowngrade(new[] { "a" }, "-1");

        Assert.Equal(new[] { "a: DELETE a => " }, Trace(plan));
    }

    [Fact]
    public void RelativeDowngradeThatRunsOutFails()
    {
        Assert.Equal(
            "Relative revision -5 didn't produce 5 migrations. Run 'history' to see how many revisions there are in that direction.",
            Error(() => Line.PlanDowngrade(new[] { "b" }, "-5")));
        Assert.Equal(
            "Relative revision +2 didn't produce 2 migrations. Run 'history' to see how many revisions there are in that direction.",
            Error(() => Line.PlanDowngrade(new[] { "b" }, "+2")));
        Assert.Equal(
            "Relative revision -1 didn't produce 1 migrations. Run 'history' to see how many revisions there are in that direction.",
            Error(() => Line.PlanDowngrade(Array.Empty<string>(), "-1")));
    }

    [Fact]
    public void DowngradeToARevisionNotBelowTheHeadsFails()
    {
        Assert.Equal(
            "Destination b is not a valid downgrade target from current head(s). It is not below the current head(s); run 'current' and 'history' to pick a revision below them.",
            Error(() => Line.PlanDowngrade(Array.Empty<string>(), "b")));
        Assert.Equal(
            "Destination c is not a valid downgrade target from current head(s). It is not below the current head(s); run 'current' and 'history' to pick a revision below them.",
            Error(() => Line.PlanDowngrade(new[] { "b" }, "c")));
    }

    [Fact]
    public void DowngradeToTheCurrentRevisionIsEmpty()
    {
        Assert.True(Line.PlanDowngrade(new[] { "a" }, "a").IsEmpty);
        Assert.True(Line.PlanDowngrade(new[] { "e" }, "e").IsEmpty);
        Assert.True(Line.PlanDowngrade(Array.Empty<string>(), "base").IsEmpty);
    }

    [Fact]
    public void DatabaseFromANewerAppIsRefusedByName()
    {
        const string Expected = "The database is at revision f, which this application does not know: the database was migrated by a newer version of the application. Run that version, or downgrade with it first.";
        Assert.Equal(Expected, Error(() => Line.PlanUpgrade(new[] { "f" }, "head")));
        Assert.Equal(Expected, Error(() => Line.PlanDowngrade(new[] { "f" }, "-1")));
        Assert.Equal(
            "The database is at revisions f, g, which this application does not know: the database was migrated by a newer version of the application. Run that version, or downgrade with it first.",
            Error(() => Line.PlanStamp(new[] { "g", "e", "f" }, "head")));
    }

    [Fact]
    public void AlembicDocumentationIdsKeepTheirLineOrder()
    {
        var graph = Parse("1975ea83b712", "ae1027a6acf <- 1975ea83b712", "27c6a30d7c24 <- ae1027a6acf");

        Assert.Equal(new[] { "1975ea83b712", "ae1027a6acf", "27c6a30d7c24" }, graph.UpgradeOrder);
        Assert.Equal(new[] { "27c6a30d7c24", "ae1027a6acf", "1975ea83b712" }, graph.History());
        Assert.Equal(new[] { "1975ea83b712" }, Ids(graph.PlanUpgrade(Array.Empty<string>(), "+1")));
        Assert.Equal(new[] { "ae1027a6acf", "27c6a30d7c24" }, Ids(graph.PlanUpgrade(new[] { "1975ea83b712" }, "head")));
    }
}
