using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static Panel.Migrations.Tests.Generator.GeneratorHarness;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// PMIG010-PMIG016 from RevisionGraphAnalyzer: each on the offending [Migration] attribute, with the graph code's
/// message, the right severity, and nothing on a healthy graph.
/// </summary>
public class GraphDiagnosticsTests
{
    private static async Task<Diagnostic[]> DiagnosticsAsync(params (string, string)[] sources) =>
        (await AnalyzeAsync(Compile(sources))).ToArray();

    [Fact]
    public async Task A_linear_graph_has_no_diagnostic()
    {
        var found = await DiagnosticsAsync(("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")));

        Assert.Empty(found);
    }

    [Fact]
    public async Task PMIG010_duplicate_revision_is_reported_on_the_second_declaration()
    {
        var found = await DiagnosticsAsync(("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"001\"")));

        var d = Assert.Single(found);
        Assert.Equal("PMIG010", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("B.cs", d.Location.SourceTree!.FilePath);
        Assert.Equal("Migration(\"001\")", TextAt(d.Location));
        Assert.Equal("A.cs", Assert.Single(d.AdditionalLocations).SourceTree!.FilePath);
        Assert.Contains("Revision 001 is present more than once", d.GetMessage());
    }

    [Fact]
    public async Task PMIG010_also_covers_a_branch_label_used_twice()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\", BranchLabels = new[] { \"core\" }")),
            ("B.cs", Migration("B", "\"002\", DownRevision = \"001\", BranchLabels = new[] { \"core\" }")));

        Assert.Equal("PMIG010", Assert.Single(found).Id);
    }

    [Theory]
    [InlineData("DownRevision = \"404\"", "Fix the down revision of 002")]
    [InlineData("DownRevisions = new[] { \"001\", \"404\" }", "Fix the down revision of 002")]
    [InlineData("DownRevision = \"001\", DependsOn = new[] { \"nope\" }", "Fix DependsOn of 002")]
    public async Task PMIG011_unknown_down_revision_or_dependency(string arguments, string fix)
    {
        var found = await DiagnosticsAsync(("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"002\", " + arguments)));

        var d = Assert.Single(found, x => x.Id == "PMIG011");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("B.cs", d.Location.SourceTree!.FilePath);
        Assert.StartsWith("Migration(\"002\"", TextAt(d.Location));
        Assert.Contains(fix, d.GetMessage());
    }

    [Fact]
    public async Task PMIG012_cycle_names_the_revisions_in_it()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")),
            ("B.cs", Migration("B", "\"002\", DownRevisions = new[] { \"001\", \"003\" }")),
            ("C.cs", Migration("C", "\"003\", DownRevision = \"002\"")));

        var d = Assert.Single(found, x => x.Id == "PMIG012");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        // Alembic's rule: every revision on no path from a head to a base, so 001 (below the loop) is named too.
        Assert.Contains("Cycle is detected in revisions (001, 002, 003)", d.GetMessage());
        Assert.Equal("A.cs", d.Location.SourceTree!.FilePath);
        Assert.Equal(["B.cs", "C.cs"], d.AdditionalLocations.Select(l => l.SourceTree!.FilePath));
    }

    [Fact]
    public async Task PMIG012_self_loop()
    {
        var found = await DiagnosticsAsync(("A.cs", Migration("A", "\"001\", DownRevision = \"001\"")));

        Assert.Contains(found, d => d.Id == "PMIG012" && d.GetMessage().Contains("Self-loop", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task PMIG013_several_heads_is_a_warning_on_the_first_head()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")),
            ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")),
            ("C.cs", Migration("C", "\"003\", DownRevision = \"001\"")));

        var d = Assert.Single(found);
        Assert.Equal("PMIG013", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("B.cs", d.Location.SourceTree!.FilePath);
        Assert.Equal("C.cs", Assert.Single(d.AdditionalLocations).SourceTree!.FilePath);
        Assert.Contains("Multiple heads are present: 002, 003", d.GetMessage());
    }

    [Fact]
    public async Task PMIG013_several_bases_is_a_warning()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")),
            ("B.cs", Migration("B", "\"002\"")),
            ("M.cs", Migration("M", "\"003\", DownRevisions = new[] { \"001\", \"002\" }")));

        var d = Assert.Single(found);
        Assert.Equal("PMIG013", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("Multiple bases are present: 001, 002", d.GetMessage());
    }

    [Theory]
    [InlineData("\"\"", "empty id")]
    [InlineData("\"0123456789abcdef0123456789abcdef0\"", "33 characters long")]
    [InlineData("\"add-ssl\"", "not allowed in revision identifier 'add-ssl'")]
    [InlineData("\"a@b\"", "not allowed in revision identifier 'a@b'")]
    public async Task PMIG014_invalid_revision_id(string revision, string message)
    {
        var found = await DiagnosticsAsync(("A.cs", Migration("A", revision)));

        var d = Assert.Single(found);
        Assert.Equal("PMIG014", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal($"Migration({revision})", TextAt(d.Location));
        Assert.Contains(message, d.GetMessage());
    }

    [Theory]
    [InlineData("public abstract class X : Migration { }", "it is abstract")]
    [InlineData("public sealed class X<T> : Migration { public override void Up(MigrationBuilder op) { } }", "it is generic")]
    [InlineData("public sealed class X : Migration { public X(int n) { } public override void Up(MigrationBuilder op) { } }", "no public or internal parameterless constructor")]
    [InlineData("public sealed class X : Migration { private X() { } public override void Up(MigrationBuilder op) { } }", "no public or internal parameterless constructor")]
    [InlineData("public sealed class X { }", "does not derive from Panel.Migrations.Migration")]
    [InlineData("file sealed class X : Migration { public override void Up(MigrationBuilder op) { } }", "not accessible")]
    public async Task PMIG015_class_that_the_registry_cannot_create(string declaration, string reason)
    {
        var source = $"using Panel.Migrations;\nnamespace App;\n[Migration(\"001\")]\n{declaration}\n";

        var found = await DiagnosticsAsync(("X.cs", source));

        var d = Assert.Single(found);
        Assert.Equal("PMIG015", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("Migration(\"001\")", TextAt(d.Location));
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public async Task PMIG015_private_nested_class()
    {
        var source = """
            using Panel.Migrations;
            namespace App;
            public static class Outer
            {
                [Migration("001")]
                private sealed class X : Migration { public override void Up(MigrationBuilder op) { } }
            }
            """;

        var d = Assert.Single(await DiagnosticsAsync(("X.cs", source)));

        Assert.Equal("PMIG015", d.Id);
        Assert.Contains("not accessible", d.GetMessage());
    }

    [Fact]
    public async Task Internal_class_with_internal_constructor_is_fine()
    {
        var source = "using Panel.Migrations;\nnamespace App;\n[Migration(\"001\")]\ninternal sealed class X : Migration { internal X() { } public override void Up(MigrationBuilder op) { } }\n";

        Assert.Empty(await DiagnosticsAsync(("X.cs", source)));
    }

    [Fact]
    public async Task A_compilation_without_the_runtime_is_left_alone()
    {
        var compilation = Compile(("A.cs", "namespace App; public class A { }"));

        Assert.Empty(await AnalyzeAsync(compilation.RemoveReferences(compilation.References.Last())));
    }

    [Fact]
    public async Task A_valid_squash_has_no_diagnostic()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")),
            ("C.cs", Migration("C", "\"003\", DownRevision = \"002\"")),
            ("S.cs", Migration("S", "\"s01\", Replaces = new[] { \"001\", \"002\" }")));

        Assert.Empty(found);
    }

    [Fact]
    public async Task PMIG016_revision_built_on_the_middle_of_a_squashed_range_is_reported_on_that_revision()
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")),
            ("C.cs", Migration("C", "\"003\", DownRevision = \"002\"")), ("X.cs", Migration("X", "\"004\", DownRevision = \"002\"")),
            ("S.cs", Migration("S", "\"s01\", Replaces = new[] { \"001\", \"002\", \"003\" }")));

        var d = Assert.Single(found, x => x.Id == "PMIG016");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("X.cs", d.Location.SourceTree!.FilePath);
        Assert.Equal("S.cs", Assert.Single(d.AdditionalLocations).SourceTree!.FilePath);
        Assert.Equal("Revision 004 builds on 002, which is in the middle of the range 001, 002, 003 that squash s01 replaces: only the last revision 003 " +
                     "(or s01) can be built on. Point 004 at 003, or squash a range that ends at 002.", d.GetMessage());
    }

    [Theory]
    [InlineData("Replaces = new[] { \"002\", \"001\" }", "must replace a linear range")]
    [InlineData("DownRevision = \"002\", Replaces = new[] { \"001\", \"002\" }", "a replaced revision is not also a live parent")]
    public async Task PMIG016_range_not_linear_or_replaced_revision_as_live_parent_is_reported_on_the_squash(string arguments, string words)
    {
        var found = await DiagnosticsAsync(
            ("A.cs", Migration("A", "\"001\"")), ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")),
            ("S.cs", Migration("S", "\"s01\", " + arguments)));

        var d = Assert.Single(found, x => x.Id == "PMIG016" && x.GetMessage().Contains(words));
        Assert.Equal("S.cs", d.Location.SourceTree!.FilePath);
        Assert.Contains("s01", d.GetMessage());
    }
}
