using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>Identifier lengths on PostgreSQL and MySQL (PMIG053) and the number of DDL operations in one MySQL migration (PMIG060).</summary>
internal static class NameAndDdlCountRules
{
    public static void Check(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        CheckIdentifiers(migration, method, report);
        if (migration.Targets(TargetDialects.MySql))
            CheckMySqlDdlCount(migration, method, report);
    }

    private static readonly HashSet<string> NameParameters = new(StringComparer.Ordinal) { "table", "name", "newName", "referencedTable" };
    private static readonly HashSet<string> NameListParameters = new(StringComparer.Ordinal) { "columns", "referencedColumns" };

    private static void CheckIdentifiers(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var pg = migration.Targets(TargetDialects.PostgreSql);
        var mysql = migration.Targets(TargetDialects.MySql);
        if (!pg && !mysql)
            return;
        foreach (var op in method.Ops)
        {
            if (op.Kind is OpKind.Execute or OpKind.InsertRows)
                continue;
            foreach (var argument in op.Invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                    continue;
                IEnumerable<string> names = NameParameters.Contains(argument.Parameter.Name) && op.Context.Resolve(argument.Value).ConstantValue is { HasValue: true, Value: string s }
                    ? new[] { s }
                    : NameListParameters.Contains(argument.Parameter.Name) ? Ops.ConstantStrings(op.Context.Resolve(argument.Value)) : Array.Empty<string>();
                foreach (var name in names)
                {
                    if (name.StartsWith("(", StringComparison.Ordinal))
                        continue;
                    var bytes = Encoding.UTF8.GetByteCount(name);
                    if (pg && bytes > 63)
                        report(Diagnostic.Create(Rules.IdentifierTooLong, argument.Syntax.GetLocation(), name, bytes + " bytes", "PostgreSQL", "63 bytes and silently truncates the rest"));
                    else if (mysql && name.Length > 64)
                        report(Diagnostic.Create(Rules.IdentifierTooLong, argument.Syntax.GetLocation(), name, name.Length + " characters", "MySQL", "64 characters"));
                }
            }
        }
    }

    private static void CheckMySqlDdlCount(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var ddl = method.Ops.Where(o => !o.InBatch && o.RunsOnAny(TargetDialects.MySql) && IsDdl(o)).ToList();
        if (ddl.Count > 1)
            report(Diagnostic.Create(Rules.MySqlSeveralDdl, ddl[1].Location, method.Method.Name, migration.Name, ddl.Count));
    }

    private static bool IsDdl(MigrationOp op)
    {
        switch (op.Kind)
        {
            case OpKind.Other or OpKind.InsertRows or OpKind.TableColumn or OpKind.TableConstraint or OpKind.TableForeignKey:
                return false;
            case OpKind.Execute:
                return op.Statements.Any(s => s.Verb is "CREATE" or "ALTER" or "DROP" or "RENAME" or "TRUNCATE");
            default:
                return true;
        }
    }
}
