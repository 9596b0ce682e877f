using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Panel.Migrations.Analyzers.RawSql;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers;

/// <summary>One builder call found in <c>Up</c> or <c>Down</c>, with its constant arguments.</summary>
public sealed class MigrationOp
{
    internal MigrationOp(OpKind kind, IInvocationOperation invocation, string? table, string? name, bool inBatch, int order, OpContext context)
    {
        Kind = kind;
        Invocation = invocation;
        Table = table;
        Name = name;
        InBatch = inBatch;
        Order = order;
        Context = context;
    }

    /// <summary>What the call does.</summary>
    public OpKind Kind { get; }
    /// <summary>The call.</summary>
    public IInvocationOperation Invocation { get; }
    /// <summary>The table, when constant.</summary>
    public string? Table { get; }
    /// <summary>The column, index or constraint name, when constant.</summary>
    public string? Name { get; }
    /// <summary>Whether the call is made on a <c>BatchAlterTableBuilder</c>.</summary>
    public bool InBatch { get; }
    /// <summary>Source order within the method (a helper's calls take the place of the call to the helper).</summary>
    public int Order { get; }
    /// <summary>Where the call was reached from: the databases its branch runs on, the helper call that led to it.</summary>
    internal OpContext Context { get; }
    /// <summary>The databases the call runs on: all, unless it sits in an <c>op.Database</c> branch.</summary>
    public TargetDialects RunsOn => Context.RunsOn;
    /// <summary>For <c>Execute</c> with constant SQL, its statements; otherwise empty.</summary>
    internal IReadOnlyList<RawStatement> Statements { get; private set; } = Array.Empty<RawStatement>();

    internal MigrationOp WithOrder(int order) => new(Kind, Invocation, Table, Name, InBatch, order, Context) { Statements = Statements };

    internal MigrationOp WithStatements(SqlSyntax syntax) =>
        Kind == OpKind.Execute && String("sql") is { } sql ? new MigrationOp(Kind, Invocation, Table, Name, InBatch, Order, Context) { Statements = RawStatement.ReadAll(sql, syntax) } : this;

    /// <summary>Whether the call runs on any of <paramref name="dialects"/>.</summary>
    public bool RunsOnAny(TargetDialects dialects) => (RunsOn & dialects) != 0;

    /// <summary>The argument bound to parameter <paramref name="parameter"/>, or null.</summary>
    public IArgumentOperation? Argument(string parameter) =>
        Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter);

    /// <summary>Whether the caller wrote the argument (rather than taking the default).</summary>
    public bool IsExplicit(string parameter) => Argument(parameter) is { ArgumentKind: not ArgumentKind.DefaultValue };

    /// <summary>The constant value of an argument: (true, value) when known.</summary>
    public (bool Known, object? Value) Constant(string parameter)
    {
        var argument = Argument(parameter);
        if (argument is null)
            return (false, null);
        var value = Context.Resolve(argument.Value);
        return value.ConstantValue.HasValue ? (true, value.ConstantValue.Value) : (false, null);
    }

    /// <summary>The constant string of an argument, or null.</summary>
    public string? String(string parameter) => Constant(parameter).Value as string;

    /// <summary>The constant strings of a list argument (array or collection expression).</summary>
    public IReadOnlyList<string> Strings(string parameter) => Argument(parameter) is { } a ? Ops.ConstantStrings(Context.Resolve(a.Value)) : Array.Empty<string>();

    /// <summary>Whether the argument is the constant <see langword="false"/>.</summary>
    public bool IsFalse(string parameter) => Constant(parameter) is (true, false);

    /// <summary>Whether the argument is the constant <see langword="true"/>.</summary>
    public bool IsTrue(string parameter) => Constant(parameter) is (true, true);

    /// <summary>Whether the argument is the constant null (or omitted with a null default).</summary>
    public bool IsNull(string parameter) => Constant(parameter) is (true, null);

    /// <summary>Where to report: the call, or for a chained call <c>t.A().B()</c> from <c>B</c> on.</summary>
    public Location Location
    {
        get
        {
            var syntax = Invocation.Syntax;
            if (syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                {
                    Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax
                    {
                        Expression: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                    } access,
                })
                return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
            return syntax.GetLocation();
        }
    }
}
