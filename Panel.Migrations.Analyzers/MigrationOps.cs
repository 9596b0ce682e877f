using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>The kinds of builder calls the analyzers understand.</summary>
public enum OpKind
{
    /// <summary>A call the analyzers do not model.</summary>
    Other,
    /// <summary><c>CreateTable</c>.</summary>
    CreateTable,
    /// <summary><c>DropTable</c>.</summary>
    DropTable,
    /// <summary><c>RenameTable</c>.</summary>
    RenameTable,
    /// <summary><c>AddColumn</c>.</summary>
    AddColumn,
    /// <summary><c>DropColumn</c>.</summary>
    DropColumn,
    /// <summary><c>AlterColumn</c>.</summary>
    AlterColumn,
    /// <summary><c>CreateIndex</c>.</summary>
    CreateIndex,
    /// <summary><c>DropIndex</c>.</summary>
    DropIndex,
    /// <summary><c>CreateUniqueConstraint</c>.</summary>
    AddUnique,
    /// <summary><c>CreateCheckConstraint</c>.</summary>
    AddCheck,
    /// <summary><c>CreateForeignKey</c>.</summary>
    AddForeignKey,
    /// <summary><c>DropConstraint</c>.</summary>
    DropConstraint,
    /// <summary><c>Execute</c>.</summary>
    Execute,
    /// <summary><c>InsertRows</c>.</summary>
    InsertRows,
    /// <summary><c>BatchAlterTable</c>.</summary>
    BatchAlterTable,
    /// <summary>A column declared inside <c>CreateTable</c>.</summary>
    TableColumn,
    /// <summary>A foreign key declared inside <c>CreateTable</c>.</summary>
    TableForeignKey,
    /// <summary>Another constraint declared inside <c>CreateTable</c>.</summary>
    TableConstraint,
}

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

/// <summary>One builder call found in <c>Up</c> or <c>Down</c>, with its constant arguments.</summary>
public sealed class MigrationOp
{
    internal MigrationOp(OpKind kind, IInvocationOperation invocation, string? table, string? name, bool inBatch, int order)
    {
        Kind = kind;
        Invocation = invocation;
        Table = table;
        Name = name;
        InBatch = inBatch;
        Order = order;
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
    /// <summary>Source order within the method.</summary>
    public int Order { get; }

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
        var value = Ops.Unwrap(argument.Value);
        return value.ConstantValue.HasValue ? (true, value.ConstantValue.Value) : (false, null);
    }

    /// <summary>The constant string of an argument, or null.</summary>
    public string? String(string parameter) => Constant(parameter).Value as string;

    /// <summary>The constant strings of a list argument (array or collection expression).</summary>
    public IReadOnlyList<string> Strings(string parameter) => Argument(parameter) is { } a ? Ops.ConstantStrings(a.Value) : Array.Empty<string>();

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

/// <summary>The operations of one <c>Up</c> or <c>Down</c> body.</summary>
public sealed class MethodOps
{
    internal MethodOps(IMethodSymbol method, IReadOnlyList<IOperation> blocks, IReadOnlyList<MigrationOp> ops, bool onlyThrows)
    {
        Method = method;
        Blocks = blocks;
        Ops = ops;
        OnlyThrows = onlyThrows;
        CreatedTables = new HashSet<string>(ops.Where(o => o.Kind == OpKind.CreateTable && o.Table is not null).Select(o => o.Table!), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The method.</summary>
    public IMethodSymbol Method { get; }
    /// <summary>Its operation blocks.</summary>
    public IReadOnlyList<IOperation> Blocks { get; }
    /// <summary>The builder calls, in source order.</summary>
    public IReadOnlyList<MigrationOp> Ops { get; }
    /// <summary>Whether the body throws and describes nothing.</summary>
    public bool OnlyThrows { get; }
    /// <summary>Tables created in this body (exempt from lock and rewrite rules).</summary>
    public HashSet<string> CreatedTables { get; }

    /// <summary>Whether the table is created in this same body.</summary>
    public bool IsNew(string? table) => table is not null && CreatedTables.Contains(table);

    /// <summary>The ops that describe a change (every modelled call except the batch wrapper and CreateTable's declarations).</summary>
    public IEnumerable<MigrationOp> Changes => Ops.Where(o => o.Kind is not (OpKind.Other or OpKind.TableColumn or OpKind.TableForeignKey or OpKind.TableConstraint));
}

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

    /// <summary>Collects the builder calls of a method body.</summary>
    public static MethodOps Collect(IMethodSymbol method, IReadOnlyList<IOperation> blocks, MigrationSymbols symbols)
    {
        var ops = new List<MigrationOp>();
        var throws = false;
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation is IThrowOperation)
                    throws = true;
                if (operation is not IInvocationOperation invocation)
                    continue;
                var containing = invocation.TargetMethod.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(containing, symbols.Builder))
                    ops.Add(FromBuilder(invocation, ops.Count));
                else if (symbols.Batch is not null && SymbolEqualityComparer.Default.Equals(containing, symbols.Batch))
                    ops.Add(FromBatch(invocation, EnclosingTable(invocation, symbols, "BatchAlterTable"), ops.Count));
                else if (symbols.CreateTable is not null && SymbolEqualityComparer.Default.Equals(containing, symbols.CreateTable))
                    ops.Add(FromCreateTable(invocation, EnclosingTable(invocation, symbols, "CreateTable"), ops.Count));
            }
        }
        // Source order: a chained call t.A().B() is visited B first, but A ends first.
        var ordered = ops.OrderBy(o => o.Invocation.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(o => o.Invocation.Syntax.Span.End)
                         .Select((o, i) => new MigrationOp(o.Kind, o.Invocation, o.Table, o.Name, o.InBatch, i)).ToList();
        return new MethodOps(method, blocks, ordered, throws && ops.Count == 0);
    }

    private static string? Str(IInvocationOperation invocation, string parameter)
    {
        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter);
        if (argument is null)
            return null;
        var value = Unwrap(argument.Value);
        return value.ConstantValue.HasValue ? value.ConstantValue.Value as string : null;
    }

    private static string? EnclosingTable(IInvocationOperation invocation, MigrationSymbols symbols, string method)
    {
        for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
            if (parent is IInvocationOperation outer && outer.TargetMethod.Name == method
                && SymbolEqualityComparer.Default.Equals(outer.TargetMethod.ContainingType, symbols.Builder))
                return Str(outer, "table");
        return null;
    }

    private static MigrationOp FromBuilder(IInvocationOperation invocation, int order) =>
        new(KindOf(invocation.TargetMethod.Name), invocation, Str(invocation, "table"), Str(invocation, "name"), inBatch: false, order);

    // The batch builder's methods are a subset of the builder's, with the same meaning.
    private static MigrationOp FromBatch(IInvocationOperation invocation, string? table, int order) =>
        new(KindOf(invocation.TargetMethod.Name), invocation, table, Str(invocation, "name"), inBatch: true, order);

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

    private static MigrationOp FromCreateTable(IInvocationOperation invocation, string? table, int order)
    {
        var kind = invocation.TargetMethod.Name switch
        {
            "Column" => OpKind.TableColumn,
            "ForeignKey" => OpKind.TableForeignKey,
            _ => OpKind.TableConstraint,
        };
        return new MigrationOp(kind, invocation, table, Str(invocation, "name"), inBatch: false, order);
    }
}
