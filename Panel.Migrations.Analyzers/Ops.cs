using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers;

/// <summary>Reads builder calls out of operation trees.</summary>
public static class Ops
{
    /// <summary>Strips implicit conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation or IConversionOperation { Operand.ConstantValue.HasValue: true })
            operation = operation switch
            {
                IConversionOperation c => c.Operand,
                IParenthesizedOperation p => p.Operand,
                _ => operation,
            };
        return operation;
    }

    /// <summary>The constant strings of an array or collection expression.</summary>
    public static IReadOnlyList<string> ConstantStrings(IOperation operation)
    {
        var value = operation;
        while (value is IConversionOperation c)
            value = c.Operand;
        IEnumerable<IOperation> elements = value switch
        {
            IArrayCreationOperation { Initializer: { } init } => init.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => Array.Empty<IOperation>(),
        };
        return elements.Select(e => Unwrap(e).ConstantValue).Where(c => c.HasValue && c.Value is string).Select(c => (string)c.Value!).ToArray();
    }

    /// <summary>
    /// Collects the builder calls of an <c>Up</c> or <c>Down</c> body, following calls into the migration class's own
    /// helper methods and local functions one level deep (<see cref="OperationWalker"/>).
    /// </summary>
    internal static MethodOps Collect(IMethodSymbol method, IOperation body, MigrationSymbols symbols, SqlSyntax syntax, Func<IMethodSymbol, IOperation?> helperBody)
    {
        var walker = new OperationWalker(method, symbols, helperBody);
        walker.Walk(body);
        // Source order: a chained call t.A().B() is visited B first, but A ends first. A helper's calls take the
        // place of the call to the helper.
        var ordered = walker.Found.OrderBy(o => Site(o).SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(o => Site(o).Span.End)
                            .ThenBy(o => o.Invocation.Syntax.Span.End)
                            .Select((o, i) => o.WithOrder(i).WithStatements(syntax)).ToList();
        var blocks = new List<IOperation> { body };
        blocks.AddRange(walker.HelperBodies);
        return new MethodOps(method, blocks, ordered, walker.Throws && walker.Found.Count == 0);
    }

    private static SyntaxNode Site(MigrationOp op) => (op.Context.HelperCall ?? op.Invocation).Syntax;

    /// <summary>The builder call as a <see cref="MigrationOp"/>, or null when <paramref name="invocation"/> is not one.</summary>
    internal static MigrationOp? Read(IInvocationOperation invocation, MigrationSymbols symbols, OpContext context)
    {
        var containing = invocation.TargetMethod.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(containing, symbols.Builder))
            return new(KindOf(invocation.TargetMethod.Name), invocation, Str(invocation, "table", context), Str(invocation, "name", context), inBatch: false, 0, context);
        // The batch builder's methods are a subset of the builder's, with the same meaning.
        if (symbols.Batch is not null && SymbolEqualityComparer.Default.Equals(containing, symbols.Batch))
            return new(KindOf(invocation.TargetMethod.Name), invocation, EnclosingTable(invocation, symbols, "BatchAlterTable", context), Str(invocation, "name", context), inBatch: true, 0, context);
        if (symbols.CreateTable is not null && SymbolEqualityComparer.Default.Equals(containing, symbols.CreateTable))
            return FromCreateTable(invocation, EnclosingTable(invocation, symbols, "CreateTable", context), context);
        return null;
    }

    private static string? Str(IInvocationOperation invocation, string parameter, OpContext context)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter);
        if (argument is null)
            return null;
        var value = context.Resolve(argument.Value);
        return value.ConstantValue.HasValue ? value.ConstantValue.Value as string : null;
    }

    private static string? EnclosingTable(IInvocationOperation invocation, MigrationSymbols symbols, string method, OpContext context)
    {
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
            if (parent is IInvocationOperation outer && outer.TargetMethod.Name == method
                && SymbolEqualityComparer.Default.Equals(outer.TargetMethod.ContainingType, symbols.Builder))
                return Str(outer, "table", context);
        return null;
    }

    private static OpKind KindOf(string method) => method switch
    {
        "CreateTable" => OpKind.CreateTable,
        "DropTable" => OpKind.DropTable,
        "RenameTable" => OpKind.RenameTable,
        "AddColumn" => OpKind.AddColumn,
        "DropColumn" => OpKind.DropColumn,
        "AlterColumn" => OpKind.AlterColumn,
        "CreateIndex" => OpKind.CreateIndex,
        "DropIndex" => OpKind.DropIndex,
        "CreateUniqueConstraint" => OpKind.AddUnique,
        "CreateCheckConstraint" => OpKind.AddCheck,
        "CreateForeignKey" => OpKind.AddForeignKey,
        "DropConstraint" => OpKind.DropConstraint,
        "Execute" => OpKind.Execute,
        "InsertRows" => OpKind.InsertRows,
        "BatchAlterTable" => OpKind.BatchAlterTable,
        _ => OpKind.Other,
    };

    private static MigrationOp FromCreateTable(IInvocationOperation invocation, string? table, OpContext context)
    {
        var kind = invocation.TargetMethod.Name switch
        {
            "Column" => OpKind.TableColumn,
            "ForeignKey" => OpKind.TableForeignKey,
            _ => OpKind.TableConstraint,
        };
        return new MigrationOp(kind, invocation, table, Str(invocation, "name", context), inBatch: false, 0, context);
    }
}
