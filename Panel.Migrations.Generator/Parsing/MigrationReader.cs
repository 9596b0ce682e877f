using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Generator.Model;

namespace Panel.Migrations.Generator.Parsing;

/// <summary>
/// Turns a class and its <c>[Migration]</c> attribute into a <see cref="MigrationModel"/>. The only code that
/// touches symbols; the generator and the graph analyzer both use it (the analyzer compiles it in as a linked
/// file), so they always agree on what a migration declares.
/// </summary>
internal static class MigrationReader
{
    public const string AttributeMetadataName = "Panel.Migrations.MigrationAttribute";
    private const string GlobalPrefix = "global::";
    private const string MigrationClassName = "Migration";

    public static MigrationModel Read(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var revision = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        string? downRevision = null;
        string? message = null;
        var downRevisions = new List<string>();
        var branchLabels = new List<string>();
        var dependsOn = new List<string>();
        var replaces = new List<string>();
        var withoutTransaction = false;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "DownRevision":
                    downRevision = argument.Value.Value as string;
                    break;
                case "DownRevisions":
                    downRevisions.AddRange(Strings(argument.Value));
                    break;
                case "Message":
                    message = argument.Value.Value as string;
                    break;
                case "BranchLabels":
                    branchLabels.AddRange(Strings(argument.Value));
                    break;
                case "DependsOn":
                    dependsOn.AddRange(Strings(argument.Value));
                    break;
                case "Replaces":
                    replaces.AddRange(Strings(argument.Value));
                    break;
                case "Transaction":
                    // MigrationTransaction.None is 1; the enum is read by value, the runtime is not loaded here.
                    withoutTransaction = argument.Value.Value is int mode && mode == 1;
                    break;
            }
        }

        if (downRevision is not null)
        {
            downRevisions.Insert(0, downRevision);
        }

        // One display string per class (they are a large part of the generator's own time): the name for messages is
        // the fully qualified one without its global:: prefix.
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new MigrationModel(
            typeName,
            typeName.StartsWith(GlobalPrefix, System.StringComparison.Ordinal) ? typeName.Substring(GlobalPrefix.Length) : typeName,
            revision ?? string.Empty,
            new EquatableArray<string>(downRevisions.Distinct().ToArray()),
            message,
            new EquatableArray<string>(branchLabels.ToArray()),
            new EquatableArray<string>(dependsOn.ToArray()),
            InstantiationProblem(type),
            withoutTransaction)
        {
            Replaces = new EquatableArray<string>(replaces.ToArray()),
        };
    }

    // Null elements (a `null` inside `new[] { ... }`) read as "", which the graph reports as an unknown revision.
    private static IEnumerable<string> Strings(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array && !constant.IsNull
            ? constant.Values.Select(v => v.Value as string ?? string.Empty)
            : Enumerable.Empty<string>();

    /// <summary>Why <c>new T()</c> cannot be written in the generated registry, or null when it can.</summary>
    private static string? InstantiationProblem(INamedTypeSymbol type)
    {
        if (!DerivesFromMigration(type))
        {
            return "it does not derive from Panel.Migrations.Migration";
        }

        if (type.IsAbstract)
        {
            return type.IsStatic ? "it is static" : "it is abstract";
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                return SymbolEqualityComparer.Default.Equals(t, type) ? "it is generic" : "it is nested in a generic type";
            }
        }

        if (type.IsFileLocal || !AccessibleInAssembly(type))
        {
            return "it is not accessible from the generated registry (file-local, private or protected); make it public or internal";
        }

        var hasConstructor = type.InstanceConstructors.Any(c =>
            c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
        return hasConstructor ? null : "it has no public or internal parameterless constructor";
    }

    private static bool DerivesFromMigration(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == MigrationClassName && t.ContainingType is null && IsPanelMigrationsNamespace(t.ContainingNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPanelMigrationsNamespace(INamespaceSymbol? ns) =>
        ns is { Name: "Migrations", ContainingNamespace: { Name: "Panel", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool AccessibleInAssembly(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
