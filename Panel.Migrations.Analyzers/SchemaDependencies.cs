using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Rules that need every migration of the compilation (SQLite): PMIG033 (rebuild of a table that another table
/// references) and PMIG034 (dropping a column that an index or a foreign key still uses).
/// </summary>
internal static class SchemaDependencies
{
    private sealed record ForeignKey(MigrationClass Owner, MethodOps Method, MigrationOp Op, string? Name, string Child, IReadOnlyList<string> Columns, string Parent, IReadOnlyList<string> ParentColumns);

    private sealed record Index(MigrationClass Owner, MethodOps Method, MigrationOp Op, string Name, string Table, IReadOnlyList<string> Columns);

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static void Analyze(IReadOnlyList<MigrationClass> models, Action<Diagnostic> report)
    {
        var keys = new List<ForeignKey>();
        var indexes = new List<Index>();
        var droppedIndexes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var droppedConstraints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            if (model.Up is not { } up)
                continue;
            foreach (var op in up.Ops)
            {
                if (op.Table is null)
                    continue;
                switch (op.Kind)
                {
                    case OpKind.TableForeignKey or OpKind.AddForeignKey when op.String("referencedTable") is { } parent:
                        keys.Add(new ForeignKey(model, up, op, op.Name, op.Table, op.Strings("columns"), parent, op.Strings("referencedColumns")));
                        break;
                    case OpKind.CreateIndex when op.Name is not null:
                        indexes.Add(new Index(model, up, op, op.Name, op.Table, op.Strings("columns")));
                        break;
                    case OpKind.DropIndex when op.Name is not null:
                        droppedIndexes.Add(op.Name);
                        break;
                    case OpKind.DropConstraint when op.Name is not null:
                        droppedConstraints.Add(op.Name);
                        break;
                }
            }
        }

        foreach (var model in models)
        {
            foreach (var method in new[] { model.Up, model.Down })
            {
                if (method is null)
                    continue;
                foreach (var op in method.Ops)
                {
                    if (op.Kind == OpKind.BatchAlterTable && op.Table is not null)
                    {
                        var child = keys.FirstOrDefault(k => Same(k.Parent, op.Table) && !Same(k.Child, op.Table) && Visible(k.Owner, k.Method, k.Op, model, method, op)
                                                             && !DroppedHere(method, k.Name, k.Child));
                        if (child is not null)
                            report(Diagnostic.Create(Rules.SqliteRebuildReferenced, op.Location, op.Table, child.Child));
                    }
                    if (op.Kind == OpKind.DropColumn && op.Table is not null && op.Name is not null)
                    {
                        var users = new List<string>();
                        foreach (var index in indexes)
                            if (Same(index.Table, op.Table) && index.Columns.Any(c => Same(c, op.Name)) && Visible(index.Owner, index.Method, index.Op, model, method, op)
                                && !droppedIndexes.Contains(index.Name) && !DroppedHere(method, index.Name, null, isIndex: true) && !DroppedHere(method, null, index.Table))
                                users.Add("index '" + index.Name + "'");
                        foreach (var key in keys)
                        {
                            if (!Visible(key.Owner, key.Method, key.Op, model, method, op) || key.Name is not null && droppedConstraints.Contains(key.Name) || DroppedHere(method, key.Name, key.Child))
                                continue;
                            if (Same(key.Parent, op.Table) && !Same(key.Child, op.Table) && key.ParentColumns.Any(c => Same(c, op.Name)))
                                users.Add("the foreign key " + (key.Name is null ? string.Empty : "'" + key.Name + "' ") + "of table '" + key.Child + "'");
                            else if (Same(key.Child, op.Table) && key.Columns.Any(c => Same(c, op.Name)) && key.Op.Kind == OpKind.AddForeignKey)
                                users.Add("foreign key '" + key.Name + "'");
                        }
                        if (users.Count > 0)
                            report(Diagnostic.Create(Rules.ColumnStillUsed, op.Location, op.Table, op.Name, string.Join(", ", users)));
                    }
                }
            }
        }
    }

    /// <summary>Whether a declaration exists when <paramref name="op"/> runs: another migration's, or earlier in the same Up, or the same migration's Up seen from its Down.</summary>
    private static bool Visible(MigrationClass owner, MethodOps ownerMethod, MigrationOp declaration, MigrationClass model, MethodOps method, MigrationOp op)
    {
        if (!SymbolEqualityComparer.Default.Equals(owner.Type, model.Type))
            return true;
        if (ReferenceEquals(ownerMethod, method))
            return declaration.Order < op.Order;
        return false;
    }

    private static bool DroppedHere(MethodOps method, string? constraintOrIndex, string? table, bool isIndex = false) =>
        method.Ops.Any(o => constraintOrIndex is not null && Same(o.Name, constraintOrIndex) && o.Kind == (isIndex ? OpKind.DropIndex : OpKind.DropConstraint)
                            || table is not null && o.Kind == OpKind.DropTable && Same(o.Table, table));
}
