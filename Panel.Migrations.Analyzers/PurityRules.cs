using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// The rules that read every value Up and Down (and the helpers they call) use: non-deterministic values (PMIG020)
/// and I/O or application code (PMIG022).
/// </summary>
internal static class PurityRules
{
    public static void Check(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var where = migration.Name + "." + method.Method.Name;
        var impure = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in method.Blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                var (member, type) = operation switch
                {
                    IInvocationOperation i => ((ISymbol?)i.TargetMethod, i.TargetMethod.ContainingType),
                    IPropertyReferenceOperation p => (p.Property, p.Property.ContainingType),
                    IFieldReferenceOperation f when !f.Field.IsConst => (f.Field, f.Field.ContainingType),
                    IObjectCreationOperation o => (o.Constructor, o.Type as INamedTypeSymbol),
                    IMethodReferenceOperation m => (m.Method, m.Method.ContainingType),
                    _ => ((ISymbol?)null, (INamedTypeSymbol?)null),
                };
                if (member is null || type is null)
                    continue;
                if (NonDeterministic(operation, member, type) is { } text)
                {
                    report(Diagnostic.Create(Rules.NonDeterministic, operation.Syntax.GetLocation(), text, where));
                    continue;
                }
                if (Impure(migration, member, type) && impure.Add(member))
                    report(Diagnostic.Create(Rules.ImpureMigration, operation.Syntax.GetLocation(), type.Name + "." + (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new" : member.Name), where));
            }
        }
    }

    private static string Full(INamedTypeSymbol type) => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.Name : type.Name;

    private static string? NonDeterministic(IOperation operation, ISymbol member, INamedTypeSymbol type)
    {
        var full = Full(type);
        switch (full)
        {
            case "System.DateTime" or "System.DateTimeOffset" when member.Name is "Now" or "UtcNow" or "Today":
            case "System.Guid" when member.Name is "NewGuid" or "CreateVersion7":
                return type.Name + "." + member.Name;
            case "System.Random" when operation is IObjectCreationOperation || member.IsStatic:
            case "System.Diagnostics.Stopwatch" when operation is IObjectCreationOperation || member.IsStatic:
            case "System.Security.Cryptography.RandomNumberGenerator" when member.IsStatic:
                return operation is IObjectCreationOperation ? "new " + type.Name + "()" : type.Name + "." + member.Name;
            case "System.Environment" when member.Name != "NewLine":
                return "Environment." + member.Name;
            default:
                return null;
        }
    }

    private static readonly string[] ImpureNamespaces =
    {
        "System.IO", "System.Net", "System.Data", "Dapper", "Microsoft.Data", "Npgsql", "MySqlConnector", "System.Diagnostics.Process",
        "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.DependencyInjection",
    };

    private static bool Impure(MigrationClass migration, ISymbol member, INamedTypeSymbol type)
    {
        var full = Full(type);
        if (full == "System.IO.Path")
            return false;
        if (full is "System.Threading.Tasks.Task" && member.Name is "Delay" or "Run")
            return true;
        if (full is "System.Threading.Thread" && member.Name == "Sleep")
            return true;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ImpureNamespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal) || full.StartsWith(n, StringComparison.Ordinal) && n.Contains("Process")))
            return true;
        // Application code: a type of this compilation that is not a migration (nor the migration's own helpers).
        if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, migration.Compilation.Assembly) || type.TypeKind == TypeKind.Enum)
            return false;
        // A helper that is handed the builder (op.Helper(...) or Helper(op, ...)) only describes operations on it.
        if (member is IMethodSymbol method && method.Parameters.Any(p => migration.Symbols.IsBuilder(p.Type)))
            return false;
        for (var t = migration.Type; t is not null; t = t.BaseType)
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, t.OriginalDefinition))
                return false;
        for (var t = type; t is not null; t = t.ContainingType)
            if (SymbolEqualityComparer.Default.Equals(t, migration.Type))
                return false;
        return !migration.Symbols.IsMigration(type);
    }
}
