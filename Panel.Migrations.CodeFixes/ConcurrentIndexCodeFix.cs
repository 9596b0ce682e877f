using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Panel.Migrations.CodeFixes;

/// <summary>
/// PMIG040: builds the index with <c>concurrently: true</c>, and sets <c>Transaction = MigrationTransaction.None</c> on the
/// class's <c>[Migration]</c> so the result does not trip PMIG041.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConcurrentIndexCodeFix)), Shared]
public sealed class ConcurrentIndexCodeFix : DocumentFixProvider
{
    /// <summary>Offers the fix.</summary>
    public ConcurrentIndexCodeFix() : base("PMIG040", "Create the index concurrently")
    {
    }

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var found = await FixHelpers.FindCallAsync(document, diagnostic, ct).ConfigureAwait(false);
        if (found is not { } f)
            return document;
        var fixedCall = FixHelpers.SetArgument(f.Call, f.Operation, "concurrently", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        var @class = f.Call.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        var attribute = @class?.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a =>
            f.Model.GetSymbolInfo(a, ct).Symbol is IMethodSymbol { ContainingType: { Name: "MigrationAttribute" } t } && t.ContainingNamespace.ToDisplayString() == "Panel.Migrations");
        if (@class is null || attribute is null)
            return document.WithSyntaxRoot(f.Root.ReplaceNode(f.Call, fixedCall));

        var none = SyntaxFactory.ParseExpression("MigrationTransaction.None");
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Transaction");
        AttributeSyntax fixedAttribute;
        if (existing is not null)
            fixedAttribute = attribute.ReplaceNode(existing, existing.WithExpression(none));
        else
        {
            var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Transaction"), null, none);
            fixedAttribute = attribute.WithArgumentList((attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList()).AddArguments(argument));
        }
        var fixedClass = @class.ReplaceNodes(new SyntaxNode[] { attribute, f.Call }, (original, _) => original == f.Call ? fixedCall : fixedAttribute);
        return document.WithSyntaxRoot(f.Root.ReplaceNode(@class, fixedClass));
    }
}
