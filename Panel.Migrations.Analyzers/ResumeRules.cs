using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Analyzers.RawSql;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// PMIG063: raw SQL that <c>upgrade/downgrade --resume</c> cannot run again safely, where each statement commits as it
/// runs and the journal counts statements: on MySQL/MariaDB always, on SQLite and PostgreSQL in a migration with
/// <c>Transaction = MigrationTransaction.None</c>. A statement that fails whole can run again once its cause is fixed
/// (a multi-change <c>ALTER TABLE</c> is one: MariaDB applies all of it or none); reported are those that apply part
/// of themselves before they fail.
/// </summary>
public static class ResumeRules
{
    private const string MySqlEngine = "MySQL/MariaDB";

    internal static void Check(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var where = migration.Name + "." + method.Method.Name;
        foreach (var op in method.Ops)
        {
            if (op.Kind != OpKind.Execute || op.Statements.Count == 0)
                continue;
            var mysql = migration.Checks(op, TargetDialects.MySql);
            var sqlite = migration.RunsOutsideTransaction && migration.Checks(op, TargetDialects.Sqlite);
            var pg = migration.RunsOutsideTransaction && migration.Checks(op, TargetDialects.PostgreSql);
            // One call is one journal entry. PostgreSQL is left out: Npgsql sends a call's statements as one batch, which
            // the server runs in one implicit transaction, all or none.
            if ((mysql || sqlite) && SeveralStatements(op) is { } count)
                report(Diagnostic.Create(Rules.NotResumable, op.Location, Split(op), "op.Execute with " + count + " statements", where,
                    mysql ? MySqlEngine : "SQLite, MigrationTransaction.None",
                    "if one fails, those before it stay applied while the journal counts none of them, and --resume runs them all again",
                    "Pass one statement per op.Execute call, so that the journal counts each"));
            foreach (var statement in op.Statements)
            {
                if (mysql && DropsSeveral(statement) is { } dropped)
                    report(Diagnostic.Create(Rules.NotResumable, op.Location, "DROP " + dropped + " of several names", where, MySqlEngine,
                        "MariaDB (and MySQL before 8.0) drops those it can before it fails on one, and --resume runs the statement again, which fails on those already gone",
                        "Drop one " + dropped.ToLowerInvariant() + " per statement, or write DROP " + dropped + " IF EXISTS"));
                if (pg && IsConcurrentIndex(statement))
                    report(Diagnostic.Create(Rules.NotResumable, op.Location, "CREATE INDEX CONCURRENTLY '" + Shown.SqlName(statement.Name, "index") + "'", where,
                        "PostgreSQL, MigrationTransaction.None",
                        "a build that fails leaves the index behind, invalid, which the journal cannot see in raw SQL: --resume fails on it with 'already exists' " +
                        "(with IF NOT EXISTS, it keeps the invalid index)",
                        "Use op.CreateIndex(..., concurrently: true), whose invalid index --resume finds and names"));
            }
        }
    }

    /// <summary>
    /// How many statements the call runs, when more than one; null otherwise. <c>SET</c> statements do not count (a
    /// session setting runs again harmlessly), and a call with <c>BEGIN</c> or <c>START TRANSACTION</c> is left alone: it
    /// holds a compound body (a procedure's, which the lexer may split) or groups its own statements.
    /// </summary>
    private static int? SeveralStatements(MigrationOp op)
    {
        if (op.Statements.Any(s => s.Verb == "START" || s.Tokens.Any(t => t.Is("BEGIN"))))
            return null;
        var count = op.Statements.Count(s => s.Verb != "SET");
        return count > 1 ? count : null;
    }

    /// <summary>The name of the property that gives the code fix where each statement is in the SQL: <c>start:end,start:end</c>.</summary>
    public const string StatementsProperty = "statements";

    private static ImmutableDictionary<string, string?> Split(MigrationOp op) =>
        ImmutableDictionary<string, string?>.Empty.Add(StatementsProperty,
            string.Join(",", op.Statements.Select(s => s.Tokens[0].Start + ":" + s.Tokens[s.Tokens.Count - 1].End)));

    /// <summary><c>TABLE</c>, <c>VIEW</c> or <c>SEQUENCE</c> for a <c>DROP</c> of several names without <c>IF EXISTS</c>; else null.</summary>
    private static string? DropsSeveral(RawStatement statement)
    {
        var i = statement.Is(1, "TEMPORARY") ? 2 : 1;
        if (statement.Verb != "DROP" || !(statement.Is(i, "TABLE") || statement.Is(i, "VIEW") || statement.Is(i, "SEQUENCE")) || statement.Is(i + 1, "IF"))
            return null;
        var top = statement.Tokens[0].Depth;
        return statement.Tokens.Skip(i + 1).Any(t => t.IsSymbol(',') && t.Depth == top) ? statement.Tokens[i].Value.ToUpperInvariant() : null;
    }

    private static bool IsConcurrentIndex(RawStatement statement) =>
        statement.Kind == RawStatementKind.CreateIndex && statement.Tokens.TakeWhile(t => !t.Is("ON")).Any(t => t.Is("CONCURRENTLY"));
}
