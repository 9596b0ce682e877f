using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Panel.Migrations.CodeFixes.Heads;
using Panel.Migrations.Tests.Generator;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// PMIG011 with a typo in a revision id: "Did you mean ...?" with a fix that writes it in, and no PMIG013 for the
/// extra head or base the typo makes.
/// </summary>
public class UnknownRevisionTests
{
    private static async Task<Diagnostic[]> GraphAsync(Project project) =>
        (await GeneratorHarness.AnalyzeAsync((await project.GetCompilationAsync())!)).ToArray();

    // a1b2c3d4e5f6 <- 0badc0ffee00 <- 5e7a9b1c3d2f, with the middle one's parent mistyped.
    private static Project Typo(string downRevision) => HeadsCodeFixTests.NewProject(
        ("A.cs", GeneratorHarness.Migration("Init", "\"a1b2c3d4e5f6\"")),
        ("B.cs", GeneratorHarness.Migration("AddSsl", $"\"0badc0ffee00\", DownRevision = \"{downRevision}\"")),
        ("C.cs", GeneratorHarness.Migration("AddLogs", "\"5e7a9b1c3d2f\", DownRevision = \"0badc0ffee00\"")));

    [Fact]
    public async Task A_typo_is_answered_with_the_nearest_revision_and_no_PMIG013()
    {
        var found = await GraphAsync(Typo("a1b2c3d4e5f7"));

        var d = Assert.Single(found);
        Assert.Equal("PMIG011", d.Id);
        Assert.EndsWith("Did you mean a1b2c3d4e5f6?", d.GetMessage());
    }

    [Fact]
    public async Task The_fix_writes_the_nearest_revision_and_the_graph_is_whole_again()
    {
        var project = Typo("a1b2c3d4e56f");
        var d = Assert.Single(await GraphAsync(project));
        var action = Assert.Single(await HeadsCodeFixTests.ActionsAsync(new UseNearestRevisionCodeFix(), project, d));
        Assert.Equal("Use a1b2c3d4e5f6", action.Title);

        var fixedProject = (await HeadsCodeFixTests.ApplyAsync(action)).GetProject(project.Id)!;
        Assert.Contains("[Migration(\"0badc0ffee00\", DownRevision = \"a1b2c3d4e5f6\")]", (await fixedProject.Documents.Single(x => x.Name == "B.cs").GetTextAsync()).ToString());
        Assert.Empty(await GraphAsync(fixedProject));
    }

    [Fact]
    public async Task Nothing_near_means_no_guess_and_no_fix()
    {
        var project = Typo("ffffffffffff");
        var d = Assert.Single(await GraphAsync(project));
        Assert.Equal("PMIG011", d.Id);
        Assert.DoesNotContain("Did you mean", d.GetMessage());
        Assert.Empty(await HeadsCodeFixTests.ActionsAsync(new UseNearestRevisionCodeFix(), project, d));
    }
}
