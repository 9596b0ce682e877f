using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>The operations of one <c>Up</c> or <c>Down</c> body.</summary>
public sealed class MethodOps
{
    internal MethodOps(IMethodSymbol method, IReadOnlyList<IOperation> blocks, IReadOnlyList<MigrationOp> ops, bool onlyThrows)
    {
        Method = method;
        Blocks = blocks;
        Ops = ops;
        OnlyThrows = onlyThrows;
        var changes = new List<SchemaChange>();
        foreach (var op in Changes)
        {
            if (op.Kind != OpKind.Execute)
                changes.Add(SchemaChange.Of(op));
            foreach (var change in op.Statements.SelectMany(s => s.Changes))
                if (SchemaChange.Of(change, op) is { } schemaChange)
                    changes.Add(schemaChange);
        }
        SchemaChanges = changes;
        CreatedTables = new HashSet<string>(changes.Where(c => c.Kind == OpKind.CreateTable && c.Table is not null).Select(c => c.Table!), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The method.</summary>
    public IMethodSymbol Method { get; }
    /// <summary>Its operation blocks.</summary>
    public IReadOnlyList<IOperation> Blocks { get; }
    /// <summary>The builder calls, in source order.</summary>
    public IReadOnlyList<MigrationOp> Ops { get; }
    /// <summary>Whether the body throws and describes nothing.</summary>
    public bool OnlyThrows { get; }
    /// <summary>The schema changes of the body, from builder calls and raw SQL alike, in source order.</summary>
    internal IReadOnlyList<SchemaChange> SchemaChanges { get; }
    /// <summary>Tables created in this body, by the builder or by raw SQL (exempt from lock and rewrite rules).</summary>
    public HashSet<string> CreatedTables { get; }

    /// <summary>Whether the table is created in this same body.</summary>
    public bool IsNew(string? table) => table is not null && CreatedTables.Contains(table);

    /// <summary>Whether the body creates the table, or adds the column to it (when <paramref name="column"/> is given), or renames a table to it.</summary>
    internal bool Creates(string? table, string? column) =>
        table is not null && (IsNew(table)
                              || SchemaChanges.Any(c => c.Kind == OpKind.RenameTable && Same(c.NewName, table))
                              || column is not null && SchemaChanges.Any(c => c.Kind == OpKind.AddColumn && Same(c.Table, table) && Same(c.Name, column)));

    internal static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The ops that describe a change (every modelled call except the batch wrapper and CreateTable's declarations).</summary>
    public IEnumerable<MigrationOp> Changes => Ops.Where(o => o.Kind is not (OpKind.Other or OpKind.TableColumn or OpKind.TableForeignKey or OpKind.TableConstraint));
}
