using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Panel.Migrations.Analyzers;

namespace Panel.Migrations.CodeFixes;

/// <summary>
/// PMIG063 on several statements in one <c>op.Execute</c> call: one call per statement, in order. Offered when the SQL is
/// a string literal and the call a statement of its own in a block, with no parameters; the places of the statements
/// come from the analyzer (its lexer), so the SQL is not read twice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SplitExecuteCodeFix)), Shared]
public sealed class SplitExecuteCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.NotResumable.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
            if (diagnostic.Properties.ContainsKey(ResumeRules.StatementsProperty))
                context.RegisterCodeFix(CodeAction.Create("Pass one statement per op.Execute call", ct => FixAsync(context.Document, diagnostic, ct), nameof(SplitExecuteCodeFix)), diagnostic);
        return Task.CompletedTask;
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        if (await FixHelpers.FindCallAsync(document, diagnostic, ct).ConfigureAwait(false) is not { } f
            || f.Call.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
            || f.Call.ArgumentList.Arguments is not [{ NameColon: null, Expression: LiteralExpressionSyntax literal }]
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || diagnostic.Properties[ResumeRules.StatementsProperty] is not { } places)
            return document;
        var sql = literal.Token.ValueText;
        var calls = places.Split(',').Select(place =>
        {
            var bounds = place.Split(':');
            var (start, end) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
            var argument = f.Call.ArgumentList.Arguments[0].WithExpression(FixHelpers.String(sql.Substring(start, end - start)).WithTriviaFrom(literal));
            return statement.WithExpression(f.Call.WithArgumentList(f.Call.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(argument))));
        });
        return document.WithSyntaxRoot(f.Root.ReplaceNode(statement, calls));
    }
}
