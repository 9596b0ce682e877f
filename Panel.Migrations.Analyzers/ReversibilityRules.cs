using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// The rules that read the class and its Up/Down pair: PMIG001 (no Down), PMIG002 (Down does not undo Up),
/// PMIG004 (opt-out without a reason), PMIG005 (raw SQL without an inverse).
/// </summary>
internal static class ReversibilityRules
{
    public static void Check(MigrationClass migration, Action<Diagnostic> report)
    {
        CheckReasons(migration, report);
        CheckDown(migration, report);
    }

    private static void CheckReasons(MigrationClass migration, Action<Diagnostic> report)
    {
        foreach (var attribute in new[] { migration.Irreversible, migration.DataLossAck, migration.BreakingAck })
        {
            if (attribute is not null && !MigrationSymbols.HasReason(attribute))
                report(Diagnostic.Create(Rules.EmptyReason, migration.Where(attribute), "[" + Short(attribute.AttributeClass!.Name) + "]", migration.Name,
                    "Say why in its argument, e.g. [" + Short(attribute.AttributeClass!.Name) + "(\"panel is stopped during upgrade\")]"));
        }
        if (migration.Symbols.SuppressMessage is null)
            return;
        foreach (var symbol in new ISymbol[] { migration.Type }.Concat(migration.Type.GetMembers()))
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, migration.Symbols.SuppressMessage))
                    continue;
                var checkId = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null;
                if (checkId is null || checkId.IndexOf("PMIG", StringComparison.OrdinalIgnoreCase) < 0)
                    continue;
                var justification = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Justification").Value.Value as string;
                if (string.IsNullOrWhiteSpace(justification))
                    report(Diagnostic.Create(Rules.EmptyReason, migration.Where(attribute), "[SuppressMessage(\"" + checkId + "\")]", symbol.Name,
                        "Add Justification = \"why it is safe here\" to the attribute"));
            }
        }
    }

    private static string Short(string name) => name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;

    private static bool DownOverriddenAbove(MigrationClass migration)
    {
        for (var t = migration.Type.BaseType; t is not null && !SymbolEqualityComparer.Default.Equals(t, migration.Symbols.Migration); t = t.BaseType)
            if (migration.Symbols.Override(t, "Down") is not null)
                return true;
        return false;
    }

    private static void CheckDown(MigrationClass migration, Action<Diagnostic> report)
    {
        // An [Irreversible] without a reason does not count (PMIG004 says so), so PMIG001 still stands.
        if (migration.Type.IsAbstract || MigrationSymbols.HasReason(migration.Irreversible))
            return;
        var declaresDown = migration.Symbols.Override(migration.Type, "Down") is not null;
        var down = migration.Down;
        if (!declaresDown && !DownOverriddenAbove(migration) || down is { OnlyThrows: true })
        {
            report(Diagnostic.Create(Rules.MissingDown, migration.Type.Locations.FirstOrDefault() ?? Location.None, migration.Name));
            return;
        }
        if (migration.Irreversible is not null || migration.Up is not { } up || down is null)
            return;
        var upCount = up.Changes.Count();
        if (upCount > 0 && !down.Changes.Any())
        {
            report(Diagnostic.Create(Rules.DownDoesNotUndoUp, down.Method.Locations.FirstOrDefault() ?? Location.None, migration.Name, "it does nothing while Up describes " + upCount + " operation(s)"));
            return;
        }
        foreach (var change in up.SchemaChanges)
        {
            var (what, name, undone) = Undone(change, down.SchemaChanges);
            if (what is not null && !undone)
                report(Diagnostic.Create(Rules.DownDoesNotUndoUp, change.Op.Location, migration.Name, what + " '" + name + "' that Up creates is never undone"));
        }
        // Raw SQL whose every statement is a creation is checked above like the builder's; other SQL needs SQL in Down.
        var opaque = up.Changes.FirstOrDefault(o => o.Kind == OpKind.Execute && (o.Statements.Count == 0 || o.Statements.SelectMany(s => s.Changes).Any(s => !IsCreation(SchemaChange.Of(s, o)))));
        if (opaque is not null && !down.Changes.Any(o => o.Kind == OpKind.Execute))
            report(Diagnostic.Create(Rules.RawSqlWithoutInverse, opaque.Location, migration.Name));
    }

    private static bool IsCreation(SchemaChange? change) => change is { Kind: OpKind.CreateTable or OpKind.AddColumn or OpKind.CreateIndex };

    private static bool Same(string? a, string? b) => MethodOps.Same(a, b);

    /// <summary>What an Up change creates, and whether Down undoes it; (null, ...) when it creates nothing checkable.</summary>
    private static (string? What, string? Name, bool Undone) Undone(SchemaChange op, IReadOnlyList<SchemaChange> down)
    {
        bool DropsTable(string? table) => down.Any(d => d.Kind == OpKind.DropTable && Same(d.Table, table));
        switch (op.Kind)
        {
            case OpKind.CreateTable when op.Table is not null:
                return ("Table", op.Table, DropsTable(op.Table));
            case OpKind.AddColumn when op.Table is not null && op.Name is not null:
                return ("Column", op.Table + "." + op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropColumn && Same(d.Table, op.Table) && Same(d.Name, op.Name)));
            case OpKind.CreateIndex when op.Name is not null:
                return ("Index", op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropIndex && Same(d.Name, op.Name)));
            case OpKind.AddUnique or OpKind.AddCheck or OpKind.AddForeignKey when op.Name is not null:
                return ("Constraint", op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropConstraint && Same(d.Name, op.Name)));
            case OpKind.RenameTable when op.Table is not null && op.NewName is { } to:
                return ("Table rename", op.Table + " -> " + to, down.Any(d => d.Kind == OpKind.RenameTable && Same(d.Table, to) && Same(d.NewName, op.Table)));
            case OpKind.AlterColumn when op.Name is not null && op.NewName is { } newName:
                return ("Column rename", op.Name + " -> " + newName, down.Any(d => d.Kind == OpKind.AlterColumn && Same(d.Name, newName) && Same(d.NewName, op.Name)));
            default:
                return (null, null, true);
        }
    }
}
