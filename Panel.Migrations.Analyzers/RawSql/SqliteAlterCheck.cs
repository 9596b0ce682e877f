using System;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers.RawSql;

/// <summary>Which raw <c>ALTER TABLE</c> statements SQLite runs (sqlite.org lang_altertable): the reason of PMIG031.</summary>
internal static class SqliteAlterCheck
{
    private static readonly string[] NotAddable = { "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "INDEX", "KEY" };
    private static readonly string[] NotDroppable = { "CONSTRAINT", "PRIMARY", "FOREIGN", "INDEX", "KEY", "DEFAULT", "CHECK" };

    /// <summary>
    /// Why SQLite cannot run the <c>ALTER TABLE</c> statement, or null when it can (or the statement is not one).
    /// SQLite runs RENAME TO, RENAME [COLUMN] a TO b, ADD [COLUMN] (no PRIMARY KEY, UNIQUE or STORED column, and a
    /// constant default on a table with rows) and DROP [COLUMN], one per statement.
    /// </summary>
    /// <param name="statement">The statement, read by SQLite's rules.</param>
    /// <param name="tableIsNew">Whether the table is created by the same method (it has no rows yet).</param>
    public static string? Problem(RawStatement statement, bool tableIsNew)
    {
        if (statement.Verb != "ALTER" || statement.Action < 0 || statement.Action >= statement.Tokens.Count)
            return null;
        var tokens = statement.Tokens;
        var top = tokens[0].Depth;
        for (var j = statement.Action; j < tokens.Count; j++)
            if (tokens[j].IsSymbol(',') && tokens[j].Depth == top)
                return "SQLite runs one change per ALTER TABLE";
        var action = tokens[statement.Action];
        var next = statement.Action + 1 < tokens.Count ? tokens[statement.Action + 1] : new SqlToken(SqlTokenKind.Symbol, 0, 0, string.Empty, 0);
        if (action.Is("RENAME"))
            return null;
        if (action.Is("DROP"))
            return next.Kind == SqlTokenKind.Word && Array.IndexOf(NotDroppable, next.Value.ToUpperInvariant()) >= 0 ? "DROP " + next.Value.ToUpperInvariant() + " is not supported" : null;
        if (!action.Is("ADD"))
            return action.Kind == SqlTokenKind.Word
                ? action.Value.ToUpperInvariant() + " is not supported (only RENAME, ADD COLUMN and DROP COLUMN are)"
                : "the statement is not one SQLite understands";
        if (next.Kind == SqlTokenKind.Word && Array.IndexOf(NotAddable, next.Value.ToUpperInvariant()) >= 0)
            return "ADD " + next.Value.ToUpperInvariant() + " is not supported";
        for (var j = Math.Max(statement.Definition, statement.Action + 1); j < tokens.Count; j++)
        {
            if (tokens[j].Depth != top)
                continue;
            if (tokens[j].Is("PRIMARY")) return "an added column cannot be a PRIMARY KEY";
            if (tokens[j].Is("UNIQUE")) return "an added column cannot be UNIQUE";
            if (tokens[j].Is("STORED")) return "an added column cannot be GENERATED ... STORED";
        }
        if (!tableIsNew && statement.DefaultTerm() is { } term && !SqliteDefault.IsConstantTerm(term))
            return "an added column needs a constant default on a table with rows";
        return null;
    }
}
