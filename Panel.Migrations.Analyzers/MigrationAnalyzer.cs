using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Inspects every <c>Migration</c> subclass: its attributes, and the builder calls of its <c>Up</c> and <c>Down</c>,
/// resolved by symbol. Rules are gated by the databases in <c>PanelMigrationsDialects</c>.
/// </summary>
/// <remarks>
/// Each class is read from the semantic model of the file that declares it, rather than with symbol-start,
/// operation-block and symbol-end actions: measured on the 1,000-migration app of docs/benchmarks.md (S4), Roslyn's
/// bookkeeping for symbol-start actions alone cost about half a second of a cold build, while reading the same
/// operation trees from the semantic model cost nothing measurable.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class MigrationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Rules.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = MigrationSymbols.TryCreate(start.Compilation);
            if (symbols is null)
                return;
            var dialects = TargetDialectsOption.Read(start.Options);
            var all = new ConcurrentBag<MigrationClass>();
            start.RegisterSemanticModelAction(file =>
            {
                foreach (var type in MigrationsDeclaredIn(file.SemanticModel, symbols, file.CancellationToken))
                {
                    var model = new MigrationClass(type, symbols, dialects,
                        Read(type, "Up", file.SemanticModel, symbols, dialects, file.CancellationToken),
                        Read(type, "Down", file.SemanticModel, symbols, dialects, file.CancellationToken), start.Compilation);
                    model.Analyze(file.ReportDiagnostic);
                    all.Add(model);
                }
            });
            if ((dialects & TargetDialects.Sqlite) != 0)
                start.RegisterCompilationEndAction(end => SchemaDependencies.Analyze(all.ToArray(), end.ReportDiagnostic));
        });
    }

    /// <summary>The migration classes whose first declaration is in this file (a partial class is read once).</summary>
    private static IEnumerable<INamedTypeSymbol> MigrationsDeclaredIn(SemanticModel semanticModel, MigrationSymbols symbols, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not (ClassDeclarationSyntax or RecordDeclarationSyntax)
                || semanticModel.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || !symbols.IsMigration(type))
                continue;
            var first = type.DeclaringSyntaxReferences[0];
            if (first.SyntaxTree == node.SyntaxTree && first.Span == node.Span)
                yield return type;
        }
    }

    /// <summary>The builder calls of the class's own <c>Up</c> or <c>Down</c>, or null when it does not override it.</summary>
    private static MethodOps? Read(INamedTypeSymbol type, string name, SemanticModel semanticModel, MigrationSymbols symbols, TargetDialects dialects, CancellationToken cancellationToken)
    {
        var method = symbols.Override(type, name);
        if (method is null || Body(method, semanticModel, cancellationToken) is not { } body)
            return null;
        return Ops.Collect(method, body, symbols, TargetDialectsOption.LexerSyntax(dialects), helper => Body(helper, semanticModel, cancellationToken));
    }

    /// <summary>The operation tree of a method declared in source, or null.</summary>
    private static IOperation? Body(IMethodSymbol method, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length == 0)
            return null;
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : OtherFile(semanticModel.Compilation, syntax.SyntaxTree);
        return model.GetOperation(syntax, cancellationToken);
    }

#pragma warning disable RS1030 // Only for a partial migration whose Up or Down, or a helper of a base class, is in another file.
    private static SemanticModel OtherFile(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
