using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.CodeFixes;

/// <summary>PMIG050: gives a NOT NULL column a constant server default, the neutral value of its type.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddServerDefaultCodeFix)), Shared]
public sealed class AddServerDefaultCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PMIG050");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
            context.RegisterCodeFix(CodeAction.Create("Add a server default", ct => FixAsync(context.Document, diagnostic, ct), nameof(AddServerDefaultCodeFix)), diagnostic);
        return Task.CompletedTask;
    }

    /// <summary>The neutral default of a <c>SqlType</c> expression, as SQL.</summary>
    internal static string DefaultFor(IOperation? type)
    {
        while (type is IConversionOperation c)
            type = c.Operand;
        var name = type switch
        {
            IPropertyReferenceOperation p => p.Property.Name,
            IInvocationOperation i => i.TargetMethod.Name,
            _ => null,
        };
        return name switch
        {
            "Text" or "String" => "''",
            "DateTime" => "'1970-01-01 00:00:00'",
            "Blob" => "X''",
            _ => "0",
        };
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var found = await FixHelpers.FindCallAsync(document, diagnostic, ct).ConfigureAwait(false);
        if (found is not { } f)
            return document;
        var value = DefaultFor(FixHelpers.Argument(f.Operation, "type")?.Value);
        var fixedCall = FixHelpers.SetArgument(f.Call, f.Operation, "serverDefault", FixHelpers.String(value));
        return document.WithSyntaxRoot(f.Root.ReplaceNode(f.Call, fixedCall));
    }
}
