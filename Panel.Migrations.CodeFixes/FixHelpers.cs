using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.CodeFixes;

internal static class FixHelpers
{
    /// <summary>The invocation a diagnostic was reported on.</summary>
    public static async Task<(SyntaxNode Root, SemanticModel Model, InvocationExpressionSyntax Call, IInvocationOperation Operation)?> FindCallAsync(
        Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var call = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (call is null || model.GetOperation(call, ct) is not IInvocationOperation operation)
            return null;
        return (root, model, call, operation);
    }

    /// <summary>The argument bound to <paramref name="parameter"/> as written, or null when defaulted.</summary>
    public static IArgumentOperation? Argument(IInvocationOperation operation, string parameter) =>
        operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter && a.ArgumentKind != ArgumentKind.DefaultValue);

    /// <summary>Sets a named argument: replaces the written one, or appends <c>name: value</c>.</summary>
    public static InvocationExpressionSyntax SetArgument(InvocationExpressionSyntax call, IInvocationOperation operation, string parameter, ExpressionSyntax value)
    {
        if (Argument(operation, parameter)?.Syntax is ArgumentSyntax written)
            return call.ReplaceNode(written, written.WithExpression(value.WithTriviaFrom(written.Expression)));
        var added = SyntaxFactory.Argument(SyntaxFactory.NameColon(parameter), default, value);
        return call.WithArgumentList(call.ArgumentList.AddArguments(added));
    }

    public static LiteralExpressionSyntax String(string text) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));
}
