using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
    public static string Of(string typeName, INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(typeName);
        foreach (var reference in type.DeclaringSyntaxReferences.OrderBy(r => r.SyntaxTree.FilePath, System.StringComparer.Ordinal))
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            var declared = NamesDeclaredIn(compilation);
            foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                // Binding is what costs (about 3 ms a class, and asking the compilation name by name about 1 ms): only a
                // name that a type or member of the project's source declares can reach project code.
                if (!declared.Contains(name.Identifier.ValueText))
                    continue;
                model ??= compilation.GetSemanticModel(declaration.SyntaxTree);
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

    // The names of every type and member declared in the compilation's source, collected once per compilation.
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> DeclaredNames = new();

    private static HashSet<string> NamesDeclaredIn(Compilation compilation) =>
        DeclaredNames.GetValue(compilation, static c =>
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(c.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var symbol = pending.Pop();
                if (symbol is INamedTypeSymbol type)
                {
                    names.Add(type.Name);
                    names.UnionWith(type.MemberNames);
                    foreach (var nested in type.GetTypeMembers())
                        pending.Push(nested);
                }
                else if (symbol is INamespaceSymbol ns)
                {
                    foreach (var member in ns.GetMembers())
                        pending.Push(member);
                }
            }
            return names;
        });

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
