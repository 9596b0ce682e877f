using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Panel.Migrations.CodeFixes.Heads;

/// <summary>
/// PMIG011 (unknown down revision or dependency): "Use &lt;revision&gt;" when the analyzer found one existing
/// revision a typo away. Rewrites the unknown string in the flagged <c>[Migration]</c> attribute
/// (<c>DownRevision</c>, <c>DownRevisions</c> or <c>DependsOn</c>) to it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseNearestRevisionCodeFix)), Shared]
public sealed class UseNearestRevisionCodeFix : CodeFixProvider
{
    // The keys of Panel.Migrations.Analyzers' NearestRevision.
    private const string MissingKey = "PanelMissingRevision";
    private const string SuggestionKey = "PanelSuggestedRevision";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PMIG011");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MissingKey, out var missing) || missing is null
                || !diagnostic.Properties.TryGetValue(SuggestionKey, out var suggestion) || suggestion is null)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Use {suggestion}", ct => FixAsync(context.Document, diagnostic, missing, suggestion, ct), nameof(UseNearestRevisionCodeFix)),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, string missing, string suggestion, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var attribute = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
        if (root is null || attribute?.ArgumentList is null)
            return document;
        // Only the references (named arguments), never the migration's own revision id.
        var written = attribute.ArgumentList.Arguments.Where(a => a.NameEquals is not null)
            .SelectMany(a => a.DescendantNodes().OfType<LiteralExpressionSyntax>())
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && string.Equals(l.Token.ValueText, missing, StringComparison.Ordinal))
            .ToList();
        if (written.Count == 0)
            return document;
        return document.WithSyntaxRoot(root.ReplaceNodes(written, (old, _) => FixHelpers.String(suggestion).WithTriviaFrom(old)));
    }
}
