using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Panel.Migrations.Generator;

/// <summary>Chooses the registry's namespace and makes it a valid C# name.</summary>
internal static class RegistryNamespace
{
    /// <summary>The override when set, else the root namespace, else "" (the global namespace).</summary>
    public static string Choose(string? overridden, string? rootNamespace)
    {
        var chosen = !string.IsNullOrWhiteSpace(overridden) ? overridden! : rootNamespace ?? string.Empty;
        var parts = chosen.Trim().Split('.').Select(p => p.Trim()).Where(p => p.Length > 0).Select(Identifier);
        return string.Join(".", parts);
    }

    // MSBuild already turns "My-App" into "My_App"; this covers hand-written values the same way.
    private static string Identifier(string part)
    {
        var text = new StringBuilder(part.Length + 1);
        foreach (var c in part)
        {
            text.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(text[0]))
        {
            text.Insert(0, '_');
        }

        var identifier = text.ToString();
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }
}
