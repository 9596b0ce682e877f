using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// How a builder call was reached: the databases the enclosing <c>op.Database</c> branches leave it to, and when it
/// sits in a helper of the migration class, the call to the helper, whose arguments give the helper's parameters
/// their values.
/// </summary>
internal sealed class OpContext
{
    /// <summary>A call written directly in Up or Down, on every database.</summary>
    public static readonly OpContext Direct = new(TargetDialectsOption.All, null, null);

    // The helper's parameters and the arguments the call gave them.
    private readonly Dictionary<IParameterSymbol, IOperation>? _arguments;

    private OpContext(TargetDialects runsOn, IInvocationOperation? helperCall, Dictionary<IParameterSymbol, IOperation>? arguments)
    {
        RunsOn = runsOn;
        HelperCall = helperCall;
        _arguments = arguments;
    }

    /// <summary>The databases the call runs on.</summary>
    public TargetDialects RunsOn { get; }

    /// <summary>The call to the helper method or local function the builder call is in; null when it is in Up or Down itself.</summary>
    public IInvocationOperation? HelperCall { get; }

    /// <summary>The same place, limited to <paramref name="dialects"/>.</summary>
    public OpContext Only(TargetDialects dialects) => new(RunsOn & dialects, HelperCall, _arguments);

    /// <summary>Inside the helper that <paramref name="call"/> calls.</summary>
    public OpContext Into(IInvocationOperation call)
    {
        var arguments = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
        foreach (var argument in call.Arguments)
            if (argument.Parameter is not null)
                arguments[argument.Parameter] = argument.Value;
        return new OpContext(RunsOn, call, arguments);
    }

    /// <summary>The value, with a helper's parameter replaced by the argument of the call to the helper.</summary>
    public IOperation Resolve(IOperation value)
    {
        value = Ops.Unwrap(value);
        if (_arguments is not null && value is IParameterReferenceOperation parameter && _arguments.TryGetValue(parameter.Parameter, out var argument))
            return Ops.Unwrap(argument);
        return value;
    }
}
