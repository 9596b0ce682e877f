using System.Linq;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>
/// Squashes in the graph: the squash runs for a walk across its whole range, under the range's last id in the version
/// table; a walk that starts or stops inside the range runs the replaced revisions while they are in the build; and the
/// three rules (linear and contiguous range, nothing built on its middle, a replaced revision not also a live parent).
/// </summary>
public class SquashGraphTests
{
    // p <- a <- b <- c <- d, and s replaces a..c (its down revision is a's).
    private static readonly string[] WithOldClasses = { "p", "a <- p", "b <- a", "c <- b", "d <- c", "s <- p replaces=a,b,c" };

    // The same once a, b and c are deleted: d still names c, the id the squash is recorded under.
    private static readonly string[] OldClassesDeleted = { "p", "d <- c", "s <- p replaces=a,b,c" };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Fresh_database_runs_the_squash_alone_then_what_follows(bool oldClassesInBuild)
    {
        var graph = Parse(oldClassesInBuild ? WithOldClasses : OldClassesDeleted);
        Assert.Equal(new[] { "p: INSERT p => p", "s: UPDATE p->c => c", "d: UPDATE c->d => d" }, Trace(graph.PlanUpgrade(Heads(), "head")));
        Assert.Equal(new[] { "d" }, graph.Heads);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Database_at_the_end_of_the_range_has_nothing_to_redo(bool oldClassesInBuild)
    {
        var graph = Parse(oldClassesInBuild ? WithOldClasses : OldClassesDeleted);
        Assert.Equal(new[] { "d: UPDATE c->d => d" }, Trace(graph.PlanUpgrade(Heads("c"), "head")));
        Assert.Empty(graph.PlanUpgrade(Heads("c"), "c").Steps);
        // The squash's own id names the revision it is recorded under.
        Assert.Equal(new[] { "c" }, graph.Resolve("s"));
    }

    [Fact]
    public void Database_inside_the_range_upgrades_through_the_replaced_revisions()
    {
        var graph = Parse(WithOldClasses);
        Assert.Equal(new[] { "c: UPDATE b->c => c", "d: UPDATE c->d => d" }, Trace(graph.PlanUpgrade(Heads("b"), "head")));
    }

    [Fact]
    public void Database_inside_the_range_is_unknown_once_the_replaced_revisions_are_deleted()
    {
        var graph = Parse(OldClassesDeleted);
        Assert.Contains("at revision b", Error(() => graph.PlanUpgrade(Heads("b"), "head")));
        Assert.Equal("s", graph.SquashInside("b")!.Squash);
        Assert.Null(graph.SquashInside("c"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Downgrade_below_the_squash_runs_its_down(bool oldClassesInBuild)
    {
        var graph = Parse(oldClassesInBuild ? WithOldClasses : OldClassesDeleted);
        Assert.Equal(new[] { "d: UPDATE d->c => c", "s: UPDATE c->p => p" }, Trace(graph.PlanDowngrade(Heads("d"), "p")));
        Assert.Equal(new[] { "d: UPDATE d->c => c", "s: UPDATE c->p => p", "p: DELETE p => " }, Trace(graph.PlanDowngrade(Heads("d"), "base")));
    }

    [Fact]
    public void Downgrade_into_the_middle_runs_the_replaced_revisions_while_they_remain()
    {
        Assert.Equal(new[] { "d: UPDATE d->c => c", "c: UPDATE c->b => b" }, Trace(Parse(WithOldClasses).PlanDowngrade(Heads("d"), "b")));
        Assert.Contains("'b'", Error(() => Parse(OldClassesDeleted).PlanDowngrade(Heads("d"), "b")));
    }

    [Fact]
    public void A_base_squash_is_recorded_under_its_last_revision()
    {
        var graph = Parse("a", "b <- a", "c <- b", "s replaces=a,b");
        Assert.Equal(new[] { "s: INSERT b => b", "c: UPDATE b->c => c" }, Trace(graph.PlanUpgrade(Heads(), "head")));
        Assert.Equal(new[] { "c: UPDATE c->b => b", "s: DELETE b => " }, Trace(graph.PlanDowngrade(Heads("c"), "base")));
    }

    [Fact]
    public void A_revision_may_name_the_squash_itself()
    {
        var graph = Parse("p", "d <- s", "s <- p replaces=a,b,c");
        Assert.Equal(new[] { "p: INSERT p => p", "s: UPDATE p->c => c", "d: UPDATE c->d => d" }, Trace(graph.PlanUpgrade(Heads(), "head")));
    }

    [Fact]
    public void Range_not_linear_names_the_revision_that_breaks_it()
    {
        var problem = RevisionGraph.Validate(Nodes("p", "a <- p", "b <- a", "x <- p", "c <- b, x", "d <- c", "s <- p replaces=a,b,c")).Single(p => p.IsError);
        Assert.Equal(GraphProblemKind.SquashRangeNotLinear, problem.Kind);
        Assert.Equal(new[] { "s", "c" }, problem.Revisions);
        Assert.Equal("Squash s must replace a linear range, oldest first, that starts where the squash starts: revision c has down revision(s) (b, x), " +
                     "but the range a, b, c needs (b). Replace a range without branches or merges, list it oldest first, and give the squash the first revision's down revision.",
                     problem.Message);
    }

    [Fact]
    public void Range_must_start_where_the_squash_starts()
    {
        var problem = RevisionGraph.Validate(Nodes("p", "a <- p", "b <- a", "c <- b", "s replaces=a,b,c")).Single(p => p.IsError);
        Assert.Equal(GraphProblemKind.SquashRangeNotLinear, problem.Kind);
        Assert.Contains("revision a has down revision(s) (p), but the range a, b, c needs ()", problem.Message);
    }

    [Fact]
    public void Range_partly_deleted()
    {
        var problem = RevisionGraph.Validate(Nodes("p", "b <- a", "c <- b", "d <- c", "s <- p replaces=a,b,c")).First(p => p.IsError);
        Assert.Equal(GraphProblemKind.SquashRangeNotLinear, problem.Kind);
        Assert.Equal("Squash s replaces a, b, c, but only b, c of them are in the build. Delete all the migrations it replaces, or none.", problem.Message);
    }

    [Theory]
    [InlineData("x <- b")]
    [InlineData("x <- d depends=a")]
    public void Revision_outside_the_range_builds_on_its_middle(string outside)
    {
        var problem = RevisionGraph.Validate(Nodes(WithOldClasses.Append(outside).ToArray())).Single(p => p.IsError);
        Assert.Equal(GraphProblemKind.SquashMiddleDependedOn, problem.Kind);
        Assert.Equal(new[] { "x", "s" }, problem.Revisions);
        var middle = outside.EndsWith("a") ? "a" : "b";
        Assert.Equal($"Revision x builds on {middle}, which is in the middle of the range a, b, c that squash s replaces: only the last revision c (or s) can be built on. " +
                     $"Point x at c, or squash a range that ends at {middle}.", problem.Message);
    }

    [Fact]
    public void Middle_rule_holds_after_the_range_is_deleted()
    {
        var problem = RevisionGraph.Validate(Nodes(OldClassesDeleted.Append("x <- b").ToArray())).First(p => p.IsError);
        Assert.Equal(GraphProblemKind.SquashMiddleDependedOn, problem.Kind);
    }

    [Fact]
    public void Replaced_revision_as_the_squash_parent()
    {
        var problem = RevisionGraph.Validate(Nodes("p", "a <- p", "b <- a", "c <- b", "s <- c replaces=a,b,c")).First(p => p.Kind == GraphProblemKind.ReplacedIsLiveParent);
        Assert.Equal(new[] { "s", "c" }, problem.Revisions);
        Assert.Equal("Squash s names c, one of the revisions it replaces, as its down revision or dependency: a replaced revision is not also a live parent. " +
                     "Give the squash the down revision p.", problem.Message);
    }

    [Fact]
    public void Revision_replaced_by_two_squashes()
    {
        var problem = RevisionGraph.Validate(Nodes(WithOldClasses.Append("t <- a replaces=b,c").ToArray())).First(p => p.Kind == GraphProblemKind.ReplacedIsLiveParent);
        Assert.Equal("Revision b is replaced by both squash s and squash t. Keep one squash of the range (delete the other), or make their ranges separate.", problem.Message);
    }

    [Fact]
    public void Map_built_by_hand_runs_the_same_rules()
    {
        var error = Assert.Throws<RevisionGraphException>(() => new MigrationMap(Nodes(WithOldClasses.Append("x <- b").ToArray())
            .Select(n => new MigrationInfo(n.Id, n.DownRevisions, null, () => null!, n.BranchLabels, n.DependsOn, replaces: n.Replaces))));
        Assert.Equal(GraphProblemKind.SquashMiddleDependedOn, Assert.Single(error.Problems).Kind);
    }
}
