using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
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
        var diagnostics = await AnalyzerRun.Diagnostics(text, dialects, file);
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
}
