using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Panel.Migrations.CodeFixes.Heads;

internal static class HeadsFix
{
    /// <summary>The head a PMIG013 diagnostic is on and the compilation's graph; null for "multiple bases" or a graph with one head.</summary>
    public static async Task<(MigrationDeclarations Graph, MigrationDeclaration Head)?> FlaggedAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(ct).ConfigureAwait(false);
        if (root is null || compilation is null)
            return null;
        var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
        if (attribute is null)
            return null;
        var graph = MigrationDeclarations.Read(compilation, ct);
        var heads = graph.Heads();
        if (heads.Count < 2)
            return null;
        var head = graph.All.FirstOrDefault(d => d.Attribute is { } a && a.SyntaxTree.FilePath == attribute.SyntaxTree.FilePath && a.Span == attribute.Span);
        if (head is null || !heads.Contains(head.Revision, StringComparer.Ordinal))
            return null;
        return (graph, head);
    }
}
