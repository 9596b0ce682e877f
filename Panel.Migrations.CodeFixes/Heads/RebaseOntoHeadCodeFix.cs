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
/// PMIG013 (multiple heads): "Rebase onto &lt;other head&gt;" for each other head. Rewrites the down revision of the
/// first revision of the flagged head's branch (the one whose parent the other head already contains) to the other
/// head, so the history is one line again. The attribute may be in another file than the flagged one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RebaseOntoHeadCodeFix)), Shared]
public sealed class RebaseOntoHeadCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PMIG013");

    /// <summary>Each head rebases differently, so there is no fix-all.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var flagged = await HeadsFix.FlaggedAsync(context.Document, context.Diagnostics[0], context.CancellationToken).ConfigureAwait(false);
        if (flagged is not { } f)
            return;
        foreach (var other in f.Graph.Heads().Where(h => !string.Equals(h, f.Head.Revision, StringComparison.Ordinal)))
        {
            var root = f.Graph.BranchRoot(f.Head.Revision, other);
            if (root?.Attribute is null)
                continue;
            var onto = other;
            context.RegisterCodeFix(
                CodeAction.Create($"Rebase onto {onto}", ct => RebaseAsync(context.Document.Project.Solution, root.Attribute, onto, ct), nameof(RebaseOntoHeadCodeFix) + "." + onto),
                context.Diagnostics[0]);
        }
    }

    private static async Task<Solution> RebaseAsync(Solution solution, AttributeSyntax attribute, string onto, CancellationToken ct)
    {
        var document = solution.GetDocument(attribute.SyntaxTree);
        var root = await attribute.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
        if (document is null)
            return solution;
        return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(attribute, WithDownRevision(attribute, onto)));
    }

    /// <summary>The attribute with <c>DownRevision = "onto"</c> in place of its <c>DownRevision</c>/<c>DownRevisions</c>.</summary>
    internal static AttributeSyntax WithDownRevision(AttributeSyntax attribute, string onto)
    {
        var value = FixHelpers.String(onto);
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var arguments = list.Arguments;
        var existing = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "DownRevision");
        var plural = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "DownRevisions");
        if (existing is not null)
        {
            arguments = arguments.Replace(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)));
            if (plural is not null)
                arguments = arguments.Remove(arguments.First(a => a.NameEquals?.Name.Identifier.ValueText == "DownRevisions"));
        }
        else if (plural is not null)
        {
            arguments = arguments.Replace(plural, plural.WithNameEquals(SyntaxFactory.NameEquals("DownRevision")).WithExpression(value.WithTriviaFrom(plural.Expression)));
        }
        else
        {
            var added = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("DownRevision"), null, value);
            // After the revision id, before the other named arguments.
            arguments = arguments.Count > 0 && arguments[0].NameEquals is null ? arguments.Insert(1, added) : arguments.Insert(0, added);
        }

        return attribute.WithArgumentList(list.WithArguments(arguments));
    }
}
