extern alias PanelGenerator;

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static Panel.Migrations.Tests.Generator.GeneratorHarness;
using TrackingNames = PanelGenerator::Panel.Migrations.Generator.TrackingNames;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// Incrementality, read from the driver's step tracking: an edit that touches no migration leaves every step
/// Cached/Unchanged and the output Cached; editing one migration's message changes only that model.
/// </summary>
public class GeneratorCachingTests
{
    private static readonly string[] Steps = [TrackingNames.Parse, TrackingNames.Collect, TrackingNames.Namespace, TrackingNames.Runtime, TrackingNames.Registry];

    private static CSharpCompilation Start() => Compile(
        ("A.cs", Migration("A", "\"001\", Message = \"first\"")),
        ("B.cs", Migration("B", "\"002\", DownRevision = \"001\", Message = \"second\"")),
        ("C.cs", Migration("C", "\"003\", DownRevision = \"002\", Message = \"third\"")),
        ("Other.cs", "namespace App; public static class Other { public static int Value => 1; }"));

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(CSharpCompilation compilation, System.Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var driver = Driver().RunGenerators(compilation);
        var first = driver.GetRunResult();
        driver = driver.RunGenerators(edit(compilation));
        return (first, driver.GetRunResult());
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult run, string step) =>
        run.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Every_step_is_tracked()
    {
        var (first, _) = RunTwice(Start(), c => c);

        foreach (var step in Steps)
        {
            Assert.True(first.Results.Single().TrackedSteps.ContainsKey(step), step);
        }

        Assert.Single(first.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Edit_of_a_file_with_no_migration_reuses_every_step()
    {
        var (_, second) = RunTwice(Start(), c => Replace(c, "Other.cs", "namespace App; public static class Other { public static int Value => 2; }"));

        foreach (var step in Steps)
        {
            Assert.All(Reasons(second, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        Assert.All(second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Edit_inside_a_migration_body_changes_only_its_fingerprint()
    {
        var edited = Migration("B", "\"002\", DownRevision = \"001\", Message = \"second\"").Replace("SELECT 1", "SELECT 42", System.StringComparison.Ordinal);

        var (first, second) = RunTwice(Start(), c => Replace(c, "B.cs", edited));

        // The edited class's model changes (its fingerprint, which the history check compares); the other models are reused,
        // and the registry differs in that one table row alone.
        Assert.Single(Reasons(second, TrackingNames.Parse), r => r == IncrementalStepRunReason.Modified);
        var before = first.Results.Single().GeneratedSources.Single().SourceText.ToString().Split('\n');
        var after = second.Results.Single().GeneratedSources.Single().SourceText.ToString().Split('\n');
        var changed = Assert.Single(before.Zip(after), pair => pair.First != pair.Second);
        Assert.Contains("App.Migrations.B0:32:", changed.Second, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_of_one_message_changes_only_that_model()
    {
        var (_, second) = RunTwice(Start(), c => Replace(c, "B.cs", Migration("B", "\"002\", DownRevision = \"001\", Message = \"second, reworded\"")));

        var parse = Reasons(second, TrackingNames.Parse).ToArray();
        Assert.Equal(3, parse.Length);
        Assert.Equal(1, parse.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, parse.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Reasons(second, TrackingNames.Registry)));
        Assert.Contains("second, reworded", second.Results.Single().GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void A_new_migration_changes_the_output()
    {
        var (_, second) = RunTwice(Start(), c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Migration("D", "\"004\", DownRevision = \"003\""), GeneratorHarness.ParseOptions, "D.cs")));

        Assert.Contains(IncrementalStepRunReason.New, Reasons(second, TrackingNames.Parse));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Reasons(second, TrackingNames.Registry)));
    }
}
