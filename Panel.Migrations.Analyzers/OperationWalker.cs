using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Walks an <c>Up</c> or <c>Down</c> body for builder calls. Two things are followed beyond the body's own calls:
/// <list type="bullet">
/// <item>a call to a method the migration class (or a base class of it in source) declares, or to a local function,
/// is followed into that method's body once (one level: a helper's own helpers are not), with the helper's
/// parameters bound to the call's arguments, so <c>AddFlag(op, "ssl")</c> is read as the
/// <c>AddColumn("sites", "ssl", ...)</c> it makes;</item>
/// <item>a branch on <c>op.Database</c> (<c>if</c>, <c>?:</c>, <c>switch</c>, with <c>==</c>, <c>!=</c>, <c>is</c>,
/// <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>) limits the calls inside it to the databases it lets through.</item>
/// </list>
/// </summary>
internal sealed class OperationWalker
{
    private readonly IMethodSymbol _method;
    private readonly MigrationSymbols _symbols;
    private readonly Func<IMethodSymbol, IOperation?> _helperBody;
    private readonly Dictionary<IMethodSymbol, IOperation> _localFunctions = new(SymbolEqualityComparer.Default);

    public OperationWalker(IMethodSymbol method, MigrationSymbols symbols, Func<IMethodSymbol, IOperation?> helperBody)
    {
        _method = method;
        _symbols = symbols;
        _helperBody = helperBody;
    }

    /// <summary>The builder calls found.</summary>
    public List<MigrationOp> Found { get; } = new();

    /// <summary>The bodies of the helper methods followed (local functions are part of the body already).</summary>
    public List<IOperation> HelperBodies { get; } = new();

    /// <summary>Whether the body itself throws.</summary>
    public bool Throws { get; private set; }

    /// <summary>Walks <paramref name="body"/>.</summary>
    public void Walk(IOperation body)
    {
        foreach (var operation in body.DescendantsAndSelf())
            if (operation is ILocalFunctionOperation { Body: { } local } function)
                _localFunctions[function.Symbol] = local;
        Visit(body, OpContext.Direct);
    }

    private void Visit(IOperation operation, OpContext context)
    {
        switch (operation)
        {
            case ILocalFunctionOperation:
                return; // followed where it is called
            case IConditionalOperation conditional when DatabaseTest.Read(conditional.Condition, _symbols) is { } mask:
                Visit(conditional.Condition, context);
                Visit(conditional.WhenTrue, context.Only(mask));
                if (conditional.WhenFalse is not null)
                    Visit(conditional.WhenFalse, context.Only(TargetDialectsOption.All & ~mask));
                return;
            case ISwitchOperation @switch when DatabaseTest.IsDatabase(@switch.Value, _symbols):
                VisitSwitch(@switch, context);
                return;
            case IThrowOperation when context.HelperCall is null:
                Throws = true;
                break;
            case IInvocationOperation invocation:
                if (Ops.Read(invocation, _symbols, context) is { } op)
                    Found.Add(op);
                else if (context.HelperCall is null && HelperBody(invocation.TargetMethod) is { } helper)
                    Visit(helper, context.Into(invocation));
                break;
        }
        foreach (var child in operation.ChildOperations)
            Visit(child, context);
    }

    // switch (op.Database) { case DatabaseKind.Sqlite: ... default: ... }: default takes what no case names.
    private void VisitSwitch(ISwitchOperation @switch, OpContext context)
    {
        var named = TargetDialects.None;
        foreach (var section in @switch.Cases)
            named |= SectionMask(section) ?? TargetDialects.None;
        foreach (var section in @switch.Cases)
        {
            var mask = SectionMask(section) ?? TargetDialectsOption.All & ~named;
            foreach (var body in section.Body)
                Visit(body, context.Only(mask));
        }
    }

    // The databases a section's case labels name; null for the default section; all for a label not understood.
    private static TargetDialects? SectionMask(ISwitchCaseOperation section)
    {
        TargetDialects? mask = null;
        foreach (var clause in section.Clauses)
        {
            if (clause is IDefaultCaseClauseOperation)
                return null;
            mask = (mask ?? TargetDialects.None)
                   | (clause is ISingleValueCaseClauseOperation { Value: var value } && DatabaseTest.Kind(value) is { } kind ? kind : TargetDialectsOption.All);
        }
        return mask;
    }

    // The migration class or a base class of it other than Migration (a project's own base with shared helpers).
    private bool IsOwnOrBase(INamedTypeSymbol? type)
    {
        for (var t = _method.ContainingType; t is not null && !SymbolEqualityComparer.Default.Equals(t, _symbols.Migration); t = t.BaseType)
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type?.OriginalDefinition))
                return true;
        return false;
    }

    private IOperation? HelperBody(IMethodSymbol target)
    {
        if (target.MethodKind == MethodKind.LocalFunction)
            return _localFunctions.TryGetValue(target.OriginalDefinition, out var local) ? local : null;
        if (target.MethodKind != MethodKind.Ordinary || SymbolEqualityComparer.Default.Equals(target, _method)
            || !IsOwnOrBase(target.ContainingType) || _symbols.IsUpOrDown(target))
            return null;
        var body = _helperBody(target.OriginalDefinition);
        if (body is not null && !HelperBodies.Contains(body))
            HelperBodies.Add(body);
        return body;
    }
}
