using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// One migration class as the per-class rules read it: its attributes and the builder calls of its Up and Down.
/// The rules themselves are grouped by what they read: <see cref="ReversibilityRules"/> (the class and its Up/Down
/// pair), <see cref="OperationRules"/> (each builder call), <see cref="RawSqlRules"/> (the SQL passed to
/// Execute), <see cref="PurityRules"/> (every value Up/Down use), <see cref="NameAndDdlCountRules"/> and
/// <see cref="ResumeRules"/> (raw SQL where each statement commits as it runs).
/// </summary>
public sealed class MigrationClass
{
    internal MigrationClass(INamedTypeSymbol type, MigrationSymbols symbols, TargetDialects dialects, MethodOps? up, MethodOps? down, Compilation compilation)
    {
        Type = type;
        Symbols = symbols;
        Dialects = dialects;
        Up = up;
        Down = down;
        Compilation = compilation;
        Irreversible = MigrationSymbols.Find(type, symbols.Irreversible);
        DataLossAck = MigrationSymbols.Find(type, symbols.AcknowledgeDataLoss);
        BreakingAck = MigrationSymbols.Find(type, symbols.AcknowledgeBreakingChange);
        var transaction = MigrationSymbols.Find(type, symbols.MigrationAttribute)?.NamedArguments.FirstOrDefault(n => n.Key == "Transaction").Value;
        RunsOutsideTransaction = transaction is { Value: int mode } && mode == 1;
    }

    /// <summary>The class.</summary>
    public INamedTypeSymbol Type { get; }
    /// <summary>The targeted databases.</summary>
    public TargetDialects Dialects { get; }
    /// <summary>Up, when this class overrides it.</summary>
    public MethodOps? Up { get; }
    /// <summary>Down, when this class overrides it.</summary>
    public MethodOps? Down { get; }
    internal MigrationSymbols Symbols { get; }
    internal Compilation Compilation { get; }
    internal AttributeData? Irreversible { get; }
    internal AttributeData? DataLossAck { get; }
    internal AttributeData? BreakingAck { get; }
    /// <summary>Whether its <c>[Migration]</c> says <c>Transaction = MigrationTransaction.None</c>: each statement commits as it runs.</summary>
    internal bool RunsOutsideTransaction { get; }

    /// <summary>The class name, as the messages show it.</summary>
    internal string Name => Type.Name;

    /// <summary>Whether the project targets any of <paramref name="dialects"/>.</summary>
    internal bool Targets(TargetDialects dialects) => (Dialects & dialects) != 0;

    /// <summary>Whether the call is checked for any of <paramref name="dialects"/>: targeted, and not in an <c>op.Database</c> branch that excludes them.</summary>
    internal bool Checks(MigrationOp op, TargetDialects dialects) => (Dialects & op.RunsOn & dialects) != 0;

    /// <summary>Whether Down may drop <paramref name="table"/> (or its <paramref name="column"/>) because Up created it.</summary>
    internal bool IsUpCreated(string? table, string? column) => Up is not null && Up.Creates(table, column);

    internal Location Where(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Type.Locations.FirstOrDefault() ?? Location.None;

    internal void Analyze(Action<Diagnostic> report)
    {
        ReversibilityRules.Check(this, report);
        foreach (var method in new[] { Up, Down })
        {
            if (method is null)
                continue;
            OperationRules.Check(this, method, report);
            RawSqlRules.Check(this, method, report);
            PurityRules.Check(this, method, report);
            NameAndDdlCountRules.Check(this, method, report);
            ResumeRules.Check(this, method, report);
        }
    }
}
