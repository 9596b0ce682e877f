using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Panel.Migrations.Analyzers.RawSql;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// The rules that read the SQL passed to <c>Execute</c>: SQL built by splicing (PMIG021), unbounded changes
/// (PMIG023), data loss (PMIG003), ALTERs SQLite cannot run (PMIG031), NOT NULL columns with nothing for the
/// existing rows (PMIG050) and MySQL table copies (PMIG061). Constant SQL is read statement by statement with the
/// runtime's lexer (<see cref="RawStatement"/>).
/// </summary>
internal static class RawSqlRules
{
    public static void Check(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var isDown = method.Method.Name == "Down";
        var where = migration.Name + "." + method.Method.Name;
        var acknowledged = MigrationSymbols.HasReason(migration.DataLossAck);
        foreach (var op in method.Ops)
        {
            if (op.Kind != OpKind.Execute || op.Argument("sql") is not { } argument)
                continue;
            var value = op.Context.Resolve(argument.Value);
            if (!value.ConstantValue.HasValue)
            {
                if (BuiltHow(value, method) is { } how)
                    report(Diagnostic.Create(Rules.BuiltSql, argument.Syntax.GetLocation(), where, how));
                continue;
            }
            foreach (var statement in op.Statements)
            {
                var table = Shown.SqlName(statement.Table, "table");
                var isNew = method.IsNew(statement.Table);
                if (migration.Checks(op, TargetDialects.Sqlite) && SqliteAlterCheck.Problem(statement, isNew) is { } problem)
                    report(Diagnostic.Create(Rules.SqliteRawAlter, op.Location, table, problem));
                if (statement.Kind is RawStatementKind.Update or RawStatementKind.Delete && !statement.HasTopLevel("WHERE"))
                    report(Diagnostic.Create(Rules.UnboundedDataChange, op.Location, statement.Verb, where, table));
                foreach (var change in statement.Changes)
                {
                    if (!acknowledged && Destroyed(change) is { } destroyed && !isNew && !(isDown && migration.IsUpCreated(change.Table, change.Name)))
                        report(Diagnostic.Create(Rules.DataLoss, op.Location, destroyed, change.Kind == RawStatementKind.DropColumn
                            ? "column '" + table + "." + Shown.SqlName(change.Name, "column") + "'" : "table '" + table + "'", where));
                    if (!isNew && change.IsNotNullWithoutDefault())
                        report(Diagnostic.Create(Rules.NotNullWithoutDefault, op.Location, Shown.SqlName(change.Name, "column"), table));
                }
                if (migration.Checks(op, TargetDialects.MySql) && MySqlCopy(statement) is { } copy)
                    report(Diagnostic.Create(Rules.MySqlTableCopy, op.Location, copy, table));
            }
        }
    }

    private static string? Destroyed(RawStatement statement) => statement.Kind switch
    {
        RawStatementKind.DropTable => "DROP TABLE",
        RawStatementKind.Truncate => "TRUNCATE",
        RawStatementKind.DropColumn => "DROP COLUMN",
        _ => null,
    };

    private static string? MySqlCopy(RawStatement statement)
    {
        var s = statement.Tokens;
        for (var i = 0; i + 2 < s.Count; i++)
        {
            if (s[i].Is("ALGORITHM") && s[i + 1].IsSymbol('=') && s[i + 2].Is("COPY"))
                return "ALGORITHM=COPY";
            if (s[i].Is("LOCK") && s[i + 1].IsSymbol('=') && (s[i + 2].Is("SHARED") || s[i + 2].Is("EXCLUSIVE")))
                return "LOCK=" + s[i + 2].Value.ToUpperInvariant();
        }
        return null;
    }

    /// <summary>How non-constant SQL was built, or null when it is not built by splicing (e.g. a parameter).</summary>
    private static string? BuiltHow(IOperation value, MethodOps method, int depth = 0)
    {
        value = Ops.Unwrap(value);
        switch (value)
        {
            case IInterpolatedStringOperation:
                return "string interpolation";
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                return "string concatenation";
            case IInvocationOperation { TargetMethod: { Name: "Format" or "Concat" or "Join", ContainingType.SpecialType: SpecialType.System_String } }:
                return "string." + ((IInvocationOperation)value).TargetMethod.Name;
            case IInvocationOperation { TargetMethod.Name: "ToString" } call when call.Instance?.Type?.Name == "StringBuilder":
                return "a StringBuilder";
            case ILocalReferenceOperation local when depth == 0:
                foreach (var block in method.Blocks)
                    foreach (var declarator in block.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>())
                        if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) && declarator.Initializer is { } init)
                            return BuiltHow(init.Value, method, depth + 1);
                return null;
            default:
                return null;
        }
    }
}
