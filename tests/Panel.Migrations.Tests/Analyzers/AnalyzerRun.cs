extern alias PanelAnalyzers;

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PanelAnalyzers::Panel.Migrations.Analyzers;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>Runs every migration analyzer over one source file for some databases and returns what they report, messages included.</summary>
internal static class AnalyzerRun
{
    /// <summary>
    /// The diagnostics of <paramref name="source"/> (a whole file, usings included), which must compile; with
    /// <paramref name="graph"/>, the revision-graph rules (PMIG010–015) run too.
    /// </summary>
    public static async Task<IReadOnlyList<Diagnostic>> Diagnostics(string source, string dialects, string path = "Test.cs", bool graph = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: path);
        var compilation = CSharpCompilation.Create("AnalyzerRun", [tree],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, path + " does not compile: " + string.Join("; ", errors));
        var options = new AnalyzerOptions([], new DialectOptions(dialects));
        ImmutableArray<DiagnosticAnalyzer> analyzers = graph ? [new MigrationAnalyzer(), new RevisionGraphAnalyzer()] : [new MigrationAnalyzer()];
        return await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
    }

    private sealed class DialectOptions(string dialects) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(ImmutableDictionary<string, string>.Empty.Add(TargetDialectsOption.Key, dialects));
        private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => _global;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
