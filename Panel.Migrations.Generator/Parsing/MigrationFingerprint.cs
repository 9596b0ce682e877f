using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Panel.Migrations.Generator.Parsing;

/// <summary>
/// A hash of a migration class's own source (its tokens, every partial part, comments and spacing left out), for the
/// runtime's history check: a class whose fingerprint matches the one recorded when it was applied cannot have changed,
/// so its <c>Up</c> need not run again to be checksummed. A class that names anything declared elsewhere in the project (a
/// helper, a constant, a base class, an extension method) gets none: that code can change without changing the class, and
/// such a migration is checksummed every time.
/// </summary>
internal static class MigrationFingerprint
{
    public static string Of(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        foreach (var reference in type.DeclaringSyntaxReferences.OrderBy(r => r.SyntaxTree.FilePath, System.StringComparer.Ordinal))
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (ReachesOutside(model.GetSymbolInfo(name, cancellationToken).Symbol, type))
                    return "";
            }
            foreach (var token in declaration.DescendantTokens())
                text.Append(token.Text).Append(' ');
        }
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var hex = new StringBuilder(32);
        for (var i = 0; i < 16; i++)
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return hex.ToString();
    }

    // A symbol declared in this project's source outside the class (or a member of such a type).
    private static bool ReachesOutside(ISymbol? symbol, INamedTypeSymbol type)
    {
        if (symbol is null || !symbol.Locations.Any(l => l.IsInSource))
            return false;
        for (var s = symbol; s is not null; s = s.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(s, type))
                return false;
        }
        return symbol is not (INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or ITypeParameterSymbol);
    }
}
