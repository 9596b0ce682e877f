extern alias PanelAnalyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PanelAnalyzers::Panel.Migrations.Analyzers;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// Every snippet under Corpus/ runs through all analyzers; its header says which ids it must produce
/// (<c>// expect: PMIG030 PMIG003</c>, empty for a safe snippet) and for which databases (<c>// dialects: ...</c>).
/// The produced ids must equal the expected ones exactly: no false positive, no false negative.
/// </summary>
public class CorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Analyzers", "Corpus");

    public static IEnumerable<object[]> Snippets() =>
        Directory.GetFiles(CorpusDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void Corpus_has_at_least_40_snippets_safe_and_unsafe()
    {
        var headers = Directory.GetFiles(CorpusDirectory, "*.cs").Select(f => Header(File.ReadAllText(f)).Expected).ToList();
        Assert.True(headers.Count >= 40, $"only {headers.Count} snippets");
        Assert.True(headers.Count(h => h.Count == 0) >= 15, "too few safe snippets");
        Assert.True(headers.Count(h => h.Count > 0) >= 20, "too few unsafe snippets");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Snippet_produces_exactly_its_expected_ids(string file)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDirectory, file));
        var (expected, dialects) = Header(text);
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: file);
        var compilation = CSharpCompilation.Create("Corpus", [tree],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, file + " does not compile: " + string.Join("; ", errors));

        var options = new AnalyzerOptions([], new DialectOptions(dialects));
        var diagnostics = await compilation.WithAnalyzers([new MigrationAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        var actual = diagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{file}: expected [{string.Join(" ", expected)}] but got [{string.Join(" ", actual)}]:\n" + string.Join("\n", diagnostics));
    }

    private static (List<string> Expected, string Dialects) Header(string text)
    {
        var lines = text.Split('\n');
        var expect = lines.First(l => l.StartsWith("// expect:", StringComparison.Ordinal)).Substring("// expect:".Length);
        var dialects = lines.FirstOrDefault(l => l.StartsWith("// dialects:", StringComparison.Ordinal))?.Substring("// dialects:".Length).Trim() ?? "sqlite";
        return (expect.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).OrderBy(i => i, StringComparer.Ordinal).ToList(), dialects);
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
