using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Panel.Migrations.CodeFixes;

/// <summary>PMIG030: moves a direct builder call into <c>op.BatchAlterTable("table", t => t.Call(...))</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInBatchCodeFix)), Shared]
public sealed class WrapInBatchCodeFix : DocumentFixProvider
{
    /// <summary>Offers the fix.</summary>
    public WrapInBatchCodeFix() : base("PMIG030", "Wrap in BatchAlterTable")
    {
    }

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var found = await FixHelpers.FindCallAsync(document, diagnostic, ct).ConfigureAwait(false);
        if (found is not { } f || f.Call.Expression is not MemberAccessExpressionSyntax access
            || FixHelpers.Argument(f.Operation, "table")?.Syntax is not ArgumentSyntax tableArgument)
            return document;
        var lambdaName = f.Call.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == "t") ? "batch" : "t";
        var remaining = SyntaxFactory.SeparatedList(f.Call.ArgumentList.Arguments.Where(a => a != tableArgument).Select(a => a.WithoutLeadingTrivia()));
        var inner = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(lambdaName), access.Name),
            SyntaxFactory.ArgumentList(remaining));
        var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(lambdaName)), inner);
        var table = SyntaxFactory.Argument(tableArgument.Expression.WithoutTrivia());
        var batch = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression, SyntaxFactory.IdentifierName("BatchAlterTable")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { table, SyntaxFactory.Argument(lambda) })))
            .NormalizeWhitespace()
            .WithTriviaFrom(f.Call);
        return document.WithSyntaxRoot(f.Root.ReplaceNode(f.Call, batch));
    }
}
