using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Inspects every <c>Migration</c> subclass: its attributes, and the builder calls of its <c>Up</c> and <c>Down</c>,
/// resolved by symbol. Rules are gated by the databases in <c>PanelMigrationsDialects</c>.
/// </summary>
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
            var all = new ConcurrentBag<MigrationModel>();
            start.RegisterSymbolStartAction(symbolStart =>
            {
                var type = (INamedTypeSymbol)symbolStart.Symbol;
                if (type.TypeKind != TypeKind.Class || !symbols.IsMigration(type))
                    return;
                var methods = new List<MethodOps>();
                symbolStart.RegisterOperationBlockAction(block =>
                {
                    if (block.OwningSymbol is IMethodSymbol method && symbols.IsUpOrDown(method)
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, type))
                    {
                        var collected = Ops.Collect(method, block.OperationBlocks, symbols);
                        lock (methods)
                            methods.Add(collected);
                    }
                });
                symbolStart.RegisterSymbolEndAction(end =>
                {
                    MethodOps? up, down;
                    lock (methods)
                    {
                        up = methods.FirstOrDefault(m => m.Method.Name == "Up");
                        down = methods.FirstOrDefault(m => m.Method.Name == "Down");
                    }
                    var model = new MigrationModel(type, symbols, dialects, up, down, start.Compilation);
                    model.Analyze(end.ReportDiagnostic);
                    all.Add(model);
                });
            }, SymbolKind.NamedType);
            if ((dialects & TargetDialects.Sqlite) != 0)
                start.RegisterCompilationEndAction(end => SchemaDependencies.Analyze(all.ToArray(), end.ReportDiagnostic));
        });
    }
}
