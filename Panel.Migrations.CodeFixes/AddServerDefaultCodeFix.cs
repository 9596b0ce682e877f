using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.CodeFixes;

/// <summary>PMIG050: gives a NOT NULL column a constant server default, the neutral value of its type.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddServerDefaultCodeFix)), Shared]
public sealed class AddServerDefaultCodeFix : DocumentFixProvider
{
    /// <summary>Offers the fix.</summary>
    public AddServerDefaultCodeFix() : base("PMIG050", "Add a server default")
    {
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

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var found = await FixHelpers.FindCallAsync(document, diagnostic, ct).ConfigureAwait(false);
        if (found is not { } f)
            return document;
        var value = DefaultFor(FixHelpers.Argument(f.Operation, "type")?.Value);
        var fixedCall = FixHelpers.SetArgument(f.Call, f.Operation, "serverDefault", FixHelpers.String(value));
        return document.WithSyntaxRoot(f.Root.ReplaceNode(f.Call, fixedCall));
    }
}
