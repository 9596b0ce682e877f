extern alias PanelAnalyzers;
extern alias PanelGenerator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using GraphAnalyzer = PanelAnalyzers::Panel.Migrations.Analyzers.RevisionGraphAnalyzer;
using MigrationGenerator = PanelGenerator::Panel.Migrations.Generator.MigrationGenerator;

namespace Panel.Migrations.Tests.Generator;

/// <summary>In-memory compilations against .NET 10 reference assemblies and the runtime, run through the generator or the graph analyzer.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly MetadataReference[] References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location))
            .ToArray();

    /// <summary>A library compilation of <paramref name="sources"/> (file name, text), nullable on, warnings as they come.</summary>
    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "App",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                generalDiagnosticOption: ReportDiagnostic.Default));

    /// <summary>A driver that tracks every step, with MSBuild properties given as <c>build_property.X</c> values.</summary>
    public static GeneratorDriver Driver(IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new MigrationGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(buildProperties ?? new Dictionary<string, string> { ["RootNamespace"] = "App" }),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the output compilation and the generated registry's text ("" when none).</summary>
    public static (Compilation Output, string Registry, GeneratorDriver Driver) Generate(CSharpCompilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var driver = Driver(buildProperties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var tree = output.SyntaxTrees.FirstOrDefault(t => t.FilePath.EndsWith("MigrationRegistry.g.cs", StringComparison.Ordinal));
        return (output, tree?.GetText().ToString() ?? "", driver);
    }

    /// <summary>Errors anywhere, and warnings in the generated registry, as readable lines (empty when clean).</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                        || (d.Severity == DiagnosticSeverity.Warning && (d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) ?? true)))
            .Select(d => d.ToString())
            .ToArray();

    /// <summary>The graph analyzer's diagnostics on a compilation, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new BuildProperties(buildProperties ?? new Dictionary<string, string>()));
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GraphAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public static string TextAt(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

    /// <summary>A migration class text: <c>Migration(args)</c> on <c>public sealed class name : Migration</c>.</summary>
    public static string Migration(string name, string attributeArguments, string ns = "App.Migrations") => $$"""
        using Panel.Migrations;

        namespace {{ns}};

        [Migration({{attributeArguments}})]
        public sealed class {{name}} : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("SELECT 1");

            public override void Down(MigrationBuilder op) => op.Execute("SELECT 2");
        }
        """;

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>Snapshots/name.verified.cs</c>; <c>PANEL_UPDATE_SNAPSHOTS=1</c> rewrites it,
    /// except in CI (CI=true), where a rewrite would make every snapshot pass: there the variable fails the test.
    /// </summary>
    public static void MatchesSnapshot(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots", name + ".verified.cs");
        actual = Scrub(actual);
        if (Environment.GetEnvironmentVariable("PANEL_UPDATE_SNAPSHOTS") == "1")
        {
            Assert.False(Infrastructure.ServerFixture.InCi,
                "PANEL_UPDATE_SNAPSHOTS=1 is refused in CI: it would rewrite the golden files instead of comparing with them. " +
                "Update snapshots on a developer's machine, review the diff and commit it.");
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Snapshot {path} is missing; run the tests with PANEL_UPDATE_SNAPSHOTS=1 to write it, then review and commit it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            Assert.Fail($"The generated source differs from {path} (PANEL_UPDATE_SNAPSHOTS=1 rewrites it):\n{Diff(expected, actual)}");
        }
    }

    // The generator's version would churn every golden file on a version bump.
    private static string Scrub(string text) =>
        System.Text.RegularExpressions.Regex.Replace(
            text.Replace("\r\n", "\n", StringComparison.Ordinal),
            "GeneratedCode\\(\"Panel.Migrations.Generator\", \"[^\"]*\"\\)",
            "GeneratedCode(\"Panel.Migrations.Generator\", \"VERSION\")");

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(e.Length, a.Length) && lines.Count < 40; i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
            {
                lines.Add($"line {i + 1}:\n  - {left}\n  + {right}");
            }
        }

        return string.Join("\n", lines);
    }

    private sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
