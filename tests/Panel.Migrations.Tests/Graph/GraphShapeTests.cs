using System.Linq;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>Heads, bases, branch and merge points, children and labels; the declared node's value equality.</summary>
public class GraphShapeTests
{
    [Fact]
    public void ShapeOfAGraphWithBranchesAndAMerge()
    {
        var graph = Parse("b <- a", "a", "c1 <- b label=c1branch", "c2 <- b", "m <- c1, c2", "x");

        Assert.Equal(new[] { "a", "b", "c1", "c2", "m", "x" }, graph.Revisions.Select(r => r.Id));
        Assert.Equal(new[] { "m", "x" }, graph.Heads);
        Assert.Equal(new[] { "m", "x" }, graph.RealHeads);
        Assert.Empty(graph.EffectiveHeads);
        Assert.Equal(new[] { "a", "x" }, graph.Bases);
        Assert.Equal(new[] { "b" }, graph.BranchPoints);
        Assert.Equal(new[] { "m" }, graph.MergePoints);
        Assert.Equal(new[] { "c1", "c2" }, graph.Children("b"));
        Assert.Empty(graph.Children("m"));
        // Alembic's sort steps back one head after finishing a branch, so x comes right after the branch point b.
        Assert.Equal(new[] { "a", "b", "x", "c2", "c1", "m" }, graph.UpgradeOrder);
    }

    [Fact]
    public void LabelsCoverTheBranchDownToItsBranchPoint()
    {
        var graph = Parse("a", "b <- a", "c1 <- b", "d1 <- c1 label=one", "e1 <- d1", "c2 <- b");

        Assert.Equal(new[] { "one" }, graph.BranchLabelsOf("c1"));
        Assert.Equal(new[] { "one" }, graph.BranchLabelsOf("e1"));
        Assert.Empty(graph.BranchLabelsOf("b"));
        Assert.Empty(graph.BranchLabelsOf("c2"));
        Assert.Equal(new[] { "e1" }, graph.Resolve("one@head"));
    }

    [Fact]
    public void NodesAreEqualByValue()
    {
        var node = new RevisionNode("m", new[] { "a", "b" }, new[] { "l" }, new[] { "x" });

        Assert.Equal(node, new RevisionNode("m", new[] { "a", "b" }, new[] { "l" }, new[] { "x" }));
        Assert.Equal(node.GetHashCode(), new RevisionNode("m", new[] { "a", "b" }, new[] { "l" }, new[] { "x" }).GetHashCode());
        Assert.NotEqual(node, new RevisionNode("m", new[] { "b", "a" }, new[] { "l" }, new[] { "x" }));
        Assert.NotEqual(node, new RevisionNode("m", new[] { "a", "b" }, null, new[] { "x" }));
        Assert.Equal(new RevisionNode("a"), new RevisionNode("a", new string[0], null, new string[0]));
    }
}
