using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Panel.Migrations.CodeFixes.Heads;
using Panel.Migrations.Tests.Generator;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// PMIG013 (multiple heads): the "Rebase onto" and "Add a merge revision" fixes, applied in a workspace to a
/// project of several files; after each, the project compiles and the graph analyzer finds one head. And the
/// PanelMigrationsHeadsAsErrors switch.
/// </summary>
public class HeadsCodeFixTests
{
    private static readonly MetadataReference[] References =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location)).ToArray();

    private static string Mig(string name, string args) => $$"""
        using Panel.Migrations;

        namespace App.Migrations;

        [Migration({{args}})]
        public sealed class {{name}} : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("SELECT 1");

            public override void Down(MigrationBuilder op) => op.Execute("SELECT 2");
        }
        """;

    internal static Project NewProject(params (string Name, string Text)[] files)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "App", "App", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions, metadataReferences: References));
        foreach (var (name, text) in files)
            project = project.AddDocument(name, SourceText.From(text), new[] { "Migrations" }, "/src/App/Migrations/" + name).Project;
        return project;
    }

    private static async Task<(Compilation Compilation, Diagnostic[] Graph)> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return (compilation, (await GeneratorHarness.AnalyzeAsync(compilation)).ToArray());
    }

    internal static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fix, Project project, Diagnostic diagnostic)
    {
        var document = project.Documents.Single(d => d.FilePath == diagnostic.Location.SourceTree!.FilePath);
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    internal static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    private static async Task AssertOneHeadAsync(Project project)
    {
        var (compilation, graph) = await AnalyzeAsync(project);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(graph);
    }

    // 001 <- 002 <- 004 (ours), 001 <- 003 (theirs): heads 003 and 004.
    private static Project Forked() => NewProject(
        ("_001_Init.cs", Mig("Init", "\"001\"")),
        ("_002_Ours.cs", Mig("Ours", "\"002\", DownRevision = \"001\"")),
        ("_003_Theirs.cs", Mig("Theirs", "\"003\", DownRevision = \"001\", Message = \"theirs\"")),
        ("_004_OursToo.cs", Mig("OursToo", "\"004\", DownRevision = \"002\"")));

    [Fact]
    public async Task Rebase_rewrites_the_branch_root_so_the_graph_has_one_head()
    {
        var project = Forked();
        var (_, graph) = await AnalyzeAsync(project);
        var heads = Assert.Single(graph);
        Assert.Equal("PMIG013", heads.Id);
        Assert.Equal("_003_Theirs.cs", System.IO.Path.GetFileName(heads.Location.SourceTree!.FilePath));

        var actions = await ActionsAsync(new RebaseOntoHeadCodeFix(), project, heads);
        var rebase = Assert.Single(actions);
        Assert.Equal("Rebase onto 004", rebase.Title);

        var solution = await ApplyAsync(rebase);
        var fixedProject = solution.GetProject(project.Id)!;
        var theirs = fixedProject.Documents.Single(d => d.Name == "_003_Theirs.cs");
        Assert.Contains("[Migration(\"003\", DownRevision = \"004\", Message = \"theirs\")]", (await theirs.GetTextAsync()).ToString());
        await AssertOneHeadAsync(fixedProject);
    }

    [Fact]
    public async Task Rebase_of_a_multi_revision_branch_moves_its_first_revision()
    {
        // Our branch a02 <- a03 is flagged (a03 is the first head by id); its first revision a02 moves onto b02.
        var project = NewProject(
            ("_001_Init.cs", Mig("Init", "\"001\"")),
            ("_a02_Ours.cs", Mig("Ours", "\"a02\", DownRevision = \"001\"")),
            ("_a03_OursToo.cs", Mig("OursToo", "\"a03\", DownRevision = \"a02\"")),
            ("_b02_Theirs.cs", Mig("Theirs", "\"b02\", DownRevisions = new[] { \"001\" }")));
        var (_, graph) = await AnalyzeAsync(project);
        var heads = Assert.Single(graph);
        Assert.Equal("_a03_OursToo.cs", System.IO.Path.GetFileName(heads.Location.SourceTree!.FilePath));

        var rebase = Assert.Single(await ActionsAsync(new RebaseOntoHeadCodeFix(), project, heads));
        Assert.Equal("Rebase onto b02", rebase.Title);
        var fixedProject = (await ApplyAsync(rebase)).GetProject(project.Id)!;
        var ours = fixedProject.Documents.Single(d => d.Name == "_a02_Ours.cs");
        Assert.Contains("[Migration(\"a02\", DownRevision = \"b02\")]", (await ours.GetTextAsync()).ToString());
        await AssertOneHeadAsync(fixedProject);
    }

    [Fact]
    public async Task Merge_adds_a_file_that_compiles_and_joins_the_heads()
    {
        var project = Forked();
        var (_, graph) = await AnalyzeAsync(project);
        var action = Assert.Single(await ActionsAsync(new AddMergeRevisionCodeFix(), project, Assert.Single(graph)));
        Assert.Equal("Add a merge revision", action.Title);

        var fixedProject = (await ApplyAsync(action)).GetProject(project.Id)!;
        var added = Assert.Single(fixedProject.Documents, d => d.Name.EndsWith("_MergeHeads.cs", StringComparison.Ordinal));
        Assert.Matches("^_[0-9a-f]{12}_MergeHeads\\.cs$", added.Name);
        Assert.Equal(new[] { "Migrations" }, added.Folders);
        var text = (await added.GetTextAsync()).ToString();
        var revision = added.Name.Substring(1, 12);
        Assert.Contains($"[Migration(\"{revision}\", DownRevisions = new[] {{ \"003\", \"004\" }}, Message = \"merge heads\")]", text);
        Assert.Contains("namespace App.Migrations;", text);
        await AssertOneHeadAsync(fixedProject);
    }

    [Fact]
    public async Task No_fix_is_offered_for_multiple_bases()
    {
        var project = NewProject(
            ("_001_A.cs", Mig("A", "\"001\"")),
            ("_002_B.cs", Mig("B", "\"002\"")),
            ("_003_M.cs", Mig("M", "\"003\", DownRevisions = new[] { \"001\", \"002\" }")));
        var (_, graph) = await AnalyzeAsync(project);
        var bases = Assert.Single(graph);
        Assert.Empty(await ActionsAsync(new RebaseOntoHeadCodeFix(), project, bases));
        Assert.Empty(await ActionsAsync(new AddMergeRevisionCodeFix(), project, bases));
    }

    [Theory]
    [InlineData("true", DiagnosticSeverity.Error)]
    [InlineData("True", DiagnosticSeverity.Error)]
    [InlineData("false", DiagnosticSeverity.Warning)]
    [InlineData(null, DiagnosticSeverity.Warning)]
    public async Task PanelMigrationsHeadsAsErrors_makes_multiple_heads_an_error(string? value, DiagnosticSeverity expected)
    {
        var compilation = (await Forked().GetCompilationAsync())!;
        var properties = value is null ? null : new Dictionary<string, string> { ["PanelMigrationsHeadsAsErrors"] = value };
        var d = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation, properties));
        Assert.Equal("PMIG013", d.Id);
        Assert.Equal(expected, d.Severity);
    }

    [Fact]
    public async Task PanelMigrationsHeadsAsErrors_leaves_multiple_bases_a_warning()
    {
        var compilation = GeneratorHarness.Compile(("A.cs", Mig("A", "\"001\"")), ("B.cs", Mig("B", "\"002\"")),
            ("M.cs", Mig("M", "\"003\", DownRevisions = new[] { \"001\", \"002\" }")));
        var d = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PanelMigrationsHeadsAsErrors"] = "true" }));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }
}
