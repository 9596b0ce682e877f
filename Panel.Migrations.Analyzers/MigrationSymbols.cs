using System.Linq;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>The builder types, resolved once per compilation.</summary>
public sealed class MigrationSymbols
{
    private MigrationSymbols(INamedTypeSymbol migration, INamedTypeSymbol builder, INamedTypeSymbol? batch, INamedTypeSymbol? create, Compilation compilation)
    {
        Migration = migration;
        Builder = builder;
        Batch = batch;
        CreateTable = create;
        MigrationAttribute = compilation.GetTypeByMetadataName("Panel.Migrations.MigrationAttribute");
        Irreversible = compilation.GetTypeByMetadataName("Panel.Migrations.IrreversibleAttribute");
        AcknowledgeDataLoss = compilation.GetTypeByMetadataName("Panel.Migrations.AcknowledgeDataLossAttribute");
        AcknowledgeBreakingChange = compilation.GetTypeByMetadataName("Panel.Migrations.AcknowledgeBreakingChangeAttribute");
        SuppressMessage = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
    }

    /// <summary><c>Panel.Migrations.Migration</c>.</summary>
    public INamedTypeSymbol Migration { get; }
    /// <summary><c>Panel.Migrations.MigrationBuilder</c>.</summary>
    public INamedTypeSymbol Builder { get; }
    /// <summary><c>Panel.Migrations.BatchAlterTableBuilder</c>.</summary>
    public INamedTypeSymbol? Batch { get; }
    /// <summary><c>Panel.Migrations.CreateTableBuilder</c>.</summary>
    public INamedTypeSymbol? CreateTable { get; }
    /// <summary><c>Panel.Migrations.MigrationAttribute</c>.</summary>
    public INamedTypeSymbol? MigrationAttribute { get; }
    /// <summary><c>Panel.Migrations.IrreversibleAttribute</c>.</summary>
    public INamedTypeSymbol? Irreversible { get; }
    /// <summary><c>Panel.Migrations.AcknowledgeDataLossAttribute</c>.</summary>
    public INamedTypeSymbol? AcknowledgeDataLoss { get; }
    /// <summary><c>Panel.Migrations.AcknowledgeBreakingChangeAttribute</c>.</summary>
    public INamedTypeSymbol? AcknowledgeBreakingChange { get; }
    /// <summary><c>SuppressMessageAttribute</c>.</summary>
    public INamedTypeSymbol? SuppressMessage { get; }

    /// <summary>Resolves the symbols, or null when the compilation does not reference the runtime.</summary>
    public static MigrationSymbols? TryCreate(Compilation compilation)
    {
        var migration = compilation.GetTypeByMetadataName("Panel.Migrations.Migration");
        var builder = compilation.GetTypeByMetadataName("Panel.Migrations.MigrationBuilder");
        if (migration is null || builder is null)
            return null;
        return new MigrationSymbols(migration, builder,
            compilation.GetTypeByMetadataName("Panel.Migrations.BatchAlterTableBuilder"),
            compilation.GetTypeByMetadataName("Panel.Migrations.CreateTableBuilder"), compilation);
    }

    /// <summary>Whether <paramref name="type"/> derives from <c>Migration</c>.</summary>
    public bool IsMigration(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (SymbolEqualityComparer.Default.Equals(t, Migration))
                return true;
        return false;
    }

    /// <summary>Whether the method is <c>Up</c> or <c>Down</c> overriding <c>Migration</c>'s.</summary>
    public bool IsUpOrDown(IMethodSymbol method) =>
        method.IsOverride && method.Name is "Up" or "Down" && method.Parameters.Length == 1
        && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, Builder);

    /// <summary>The <c>Up</c> or <c>Down</c> override that <paramref name="type"/> itself declares, or null.</summary>
    public IMethodSymbol? Override(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(IsUpOrDown);

    /// <summary>Whether the type is one of the three builders.</summary>
    public bool IsBuilder(ITypeSymbol? type) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, Builder) || SymbolEqualityComparer.Default.Equals(type, Batch)
                             || SymbolEqualityComparer.Default.Equals(type, CreateTable));

    /// <summary>Finds an attribute of the given class on <paramref name="symbol"/>.</summary>
    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>The reason of an opt-out attribute, when it has a non-blank one.</summary>
    public static bool HasReason(AttributeData? attribute) =>
        attribute is not null && attribute.ConstructorArguments.Length > 0
        && attribute.ConstructorArguments[0].Value is string reason && !string.IsNullOrWhiteSpace(reason);
}
