using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary><c>history -r start:end</c>: newest first, both ends included.</summary>
public class HistoryTests
{
    private static readonly RevisionGraph Branched = Parse(
        "a", "b <- a", "c1 <- b label=c1branch", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2");

    [Fact]
    public void WholeHistoryIsTheReverseOfTheUpgradeOrder()
    {
        Assert.Equal(new[] { "a", "b", "c2", "d2", "c1", "d1" }, Branched.UpgradeOrder);
        Assert.Equal(new[] { "d1", "c1", "d2", "c2", "b", "a" }, Branched.History());
    }

    [Theory]
    [InlineData("b:d1", new[] { "d1", "c1", "b" })]
    [InlineData("c2:", new[] { "d2", "c2" })]
    [InlineData(":c1", new[] { "c1", "b", "a" })]
    [InlineData("b:heads", new[] { "d1", "c1", "d2", "c2", "b" })]
    [InlineData("a:c1+1", new[] { "d1", "c1", "b", "a" })]
    public void Ranges(string range, string[] expected) => Assert.Equal(expected, Branched.History(range));

    [Fact]
    public void RangeErrors()
    {
        Assert.Equal("History range requires [start]:[end], [start]:, or :[end]", Error(() => Branched.History("b")));
        Assert.Equal(
            "Requested range c1:d2 does not refer to ancestor/descendant revisions along the same branch. Pick a start that is an ancestor of the end.",
            Error(() => Branched.History("c1:d2")));
    }
}
