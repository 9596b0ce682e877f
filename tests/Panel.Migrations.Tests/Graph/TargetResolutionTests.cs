using System;
using Panel.Migrations.Graph;
using Xunit;
using static Panel.Migrations.Tests.Graph.GraphSpec;

namespace Panel.Migrations.Tests.Graph;

/// <summary>The target grammar: ids, partial ids, symbols and <c>label@...</c>.</summary>
public class TargetResolutionTests
{
    private static readonly RevisionGraph Branched = Parse(
        "a", "b <- a", "c1 <- b label=c1branch", "d1 <- c1", "c2 <- b label=c2branch", "d2 <- c2");

    private static readonly RevisionGraph Hex = Parse(
        "1975ea83b712", "ae1027a6acf <- 1975ea83b712", "27c6a30d7c24 <- ae1027a6acf", "27c6ffff0000 <- ae1027a6acf");

    [Theory]
    [InlineData("heads", new[] { "d1", "d2" })]
    [InlineData("base", new string[0])]
    [InlineData("b", new[] { "b" })]
    [InlineData("c2branch", new[] { "c2" })]
    [InlineData("c1branch@head", new[] { "d1" })]
    [InlineData("c2branch@heads", new[] { "d2" })]
    [InlineData("c1branch@b", new[] { "b" })]
    [InlineData("c1branch@base", new string[0])]
    [InlineData("d1@heads", new[] { "d1" })]
    public void ResolvesSymbolsAndLabels(string target, string[] expected) => Assert.Equal(expected, Branched.Resolve(target));

    [Theory]
    [InlineData("ae10", "ae1027a6acf")]
    [InlineData("1", "1975ea83b712")]
    [InlineData("ae", "ae1027a6acf")]
    [InlineData("27c6a30d7c24", "27c6a30d7c24")]
    public void ResolvesUniquePartialIds(string target, string expected) => Assert.Equal(new[] { expected }, Hex.Resolve(target));

    [Theory]
    [InlineData("zz", "zz")]
    [InlineData("c1branch@c2", "c2")]
    [InlineData("nosuch@head", "nosuch")]
    public void UnknownOrAmbiguousTargetsCannotBeLocated(string target, string argument)
    {
        var graph = target.Contains('@') ? Branched : Hex;
        Assert.Equal($"Can't locate revision identified by '{argument}'. Run 'history' to list the revisions and branch labels.", Error(() => graph.Resolve(target)));
    }

    // Alembic says "Can't locate" for a prefix of several ids too; naming them tells the user what to type.
    [Fact]
    public void AnAmbiguousPrefixListsTheRevisionsItStarts() =>
        Assert.Equal(
            "Revision '27c6' is ambiguous: it is the start of 27c6a30d7c24, 27c6ffff0000. Give more characters of the revision you mean.",
            Error(() => Hex.Resolve("27c6")));

    [Theory]
    [InlineData("+1e3", "e3")]
    [InlineData("-2abc", "abc")]
    [InlineData("head-1x", "x")]
    [InlineData("+1.5", ".5")]
    [InlineData("c1branch@+1 ", " ")]
    public void ARelativeStepFollowedByOtherTextIsNotATarget(string target, string rest) =>
        Assert.Equal(
            $"'{target}' is not a valid target: a relative step is a sign and a whole number (as in '+2', '-1', 'head-1' or 'label@+1'), and '{rest}' follows it. Nothing was changed.",
            Error(() => Branched.PlanUpgrade(System.Array.Empty<string>(), target)));

    [Fact]
    public void AnAtSignWithNothingBeforeItIsNotATarget() =>
        Assert.Equal(
            "'@head' is not a valid target: a branch label or revision must come before '@' (as in 'label@head' or 'label@-1'). Nothing was changed.",
            Error(() => Branched.Resolve("@head")));

    [Fact]
    public void HeadWithTwoHeadsNamesTheArgument()
    {
        Assert.Equal(
            "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
            Error(() => Branched.Resolve("head")));
        Assert.Equal(
            "Multiple head revisions are present for given argument 'b@head'; please specify a specific target revision, '<branchname>@b@head' to narrow to a specific head, or 'heads' for all heads",
            Error(() => Branched.Resolve("b@head")));
    }

    [Fact]
    public void UpgradeToAnUnknownTargetCannotBeLocated() =>
        Assert.Equal(
            "Can't locate revision identified by 'nope'. Run 'history' to list the revisions and branch labels.",
            Error(() => Branched.PlanUpgrade(Array.Empty<string>(), "nope")));

    [Fact]
    public void IndexerAndTryGetUseExactIds()
    {
        Assert.Equal(new[] { "b" }, Branched["c1"].DownRevisions);
        Assert.True(Branched.TryGet("d2", out var node));
        Assert.Equal("d2", node.Id);
        Assert.False(Branched.TryGet("d", out _));
        Assert.Equal(
            "Can't locate revision identified by 'd'. Run 'history' to list the revisions and branch labels.",
            Error(() => _ = Branched["d"]));
    }
}
