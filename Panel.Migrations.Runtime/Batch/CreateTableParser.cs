using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Batch;

/// <summary>
/// Takes apart the <c>CREATE TABLE</c> text that SQLite keeps in <c>sqlite_master</c>, keeping every part's
/// exact text: the PRAGMAs lose AUTOINCREMENT, unnamed CHECKs, COLLATE, DESC keys and conflict clauses.
/// </summary>
internal static class CreateTableParser
{
    private static readonly string[] ColumnClauseStarts = ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];
    private static readonly string[] TableConstraintStarts = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

    /// <exception cref="MigrationException">The statement is not a <c>CREATE TABLE (...)</c> this parser understands.</exception>
    public static ParsedTable Parse(string table, string sql)
    {
        var tokens = SqlLexer.Tokenize(sql);
        var open = tokens.FindIndex(t => t.IsSymbol('('));
        if (open < 0)
            throw Unsupported(table, "it has no column list (CREATE TABLE ... AS SELECT)");
        var close = Matching(tokens, open);
        if (close < 0)
            throw Unsupported(table, "its column list is not closed");

        var columns = new List<ColumnSpec>();
        var constraints = new List<SqlClause>();
        foreach (var (from, to) in SplitTopLevel(tokens, open + 1, close))
        {
            if (from >= to)
                throw Unsupported(table, "it has an empty item in its column list");
            if (TableConstraintStarts.Any(tokens[from].Is))
                constraints.Add(Clause(sql, tokens, from, to, isTable: true));
            else
                columns.Add(Column(sql, tokens, from, to));
        }
        var options = close + 1 < tokens.Count ? sql[tokens[close + 1].Start..tokens[^1].End] : "";
        return new ParsedTable(columns, constraints, options);
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or -1.</summary>
    public static int Matching(List<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol('('))
                depth++;
            else if (tokens[i].IsSymbol(')') && --depth == 0)
                return i;
        }
        return -1;
    }

    private static IEnumerable<(int From, int To)> SplitTopLevel(List<SqlToken> tokens, int from, int to)
    {
        var depth = 0;
        var start = from;
        for (var i = from; i < to; i++)
        {
            if (tokens[i].IsSymbol('('))
                depth++;
            else if (tokens[i].IsSymbol(')'))
                depth--;
            else if (depth == 0 && tokens[i].IsSymbol(','))
            {
                yield return (start, i);
                start = i + 1;
            }
        }
        yield return (start, to);
    }

    private static ColumnSpec Column(string sql, List<SqlToken> tokens, int from, int to)
    {
        // SQLite takes a 'string' where a column name must be (aaPanel writes ALTER TABLE 'users' ADD 'salt' TEXT).
        var name = tokens[from].NameText;
        var i = from + 1;
        var typeStart = i;
        var depth = 0;
        while (i < to && (depth > 0 || !ColumnClauseStarts.Any(tokens[i].Is)))
        {
            if (tokens[i].IsSymbol('('))
                depth++;
            else if (tokens[i].IsSymbol(')'))
                depth--;
            i++;
        }
        var type = i > typeStart ? sql[tokens[typeStart].Start..tokens[i - 1].End] : "";

        var clauses = new List<SqlClause>();
        while (i < to)
        {
            var start = i;
            i = ClauseEnd(tokens, i, to);
            clauses.Add(Clause(sql, tokens, start, i, isTable: false));
        }
        return new ColumnSpec(name, type, clauses, sql[tokens[from].Start..tokens[to - 1].End]);
    }

    // A column clause runs until the next clause keyword at depth 0, except where that keyword is part of it:
    // CONSTRAINT name <clause>, NOT NULL, DEFAULT NULL, ON DELETE SET NULL/DEFAULT, NOT DEFERRABLE, GENERATED ALWAYS AS.
    private static int ClauseEnd(List<SqlToken> tokens, int start, int to)
    {
        var i = start + 1;
        if (tokens[start].Is("CONSTRAINT"))
        {
            i = Math.Min(start + 2, to);
            if (i < to)
                i = ClauseEnd(tokens, i, to);
            return i;
        }
        if (tokens[start].Is("NOT") || tokens[start].Is("DEFAULT"))
        {
            // The keyword's operand (NULL, a signed number, a literal or a parenthesised expression) belongs to it.
            if (i < to && (tokens[i].IsSymbol('-') || tokens[i].IsSymbol('+')))
                i++;
            if (i < to && tokens[i].IsSymbol('('))
                i = Matching(tokens, i) + 1;
            else if (i < to)
                i++;
        }
        var depth = 0;
        for (; i < to; i++)
        {
            var t = tokens[i];
            if (t.IsSymbol('('))
                depth++;
            else if (t.IsSymbol(')'))
                depth--;
            else if (depth == 0 && ColumnClauseStarts.Any(t.Is))
            {
                var previous = tokens[i - 1];
                var continues = ((t.Is("NULL") || t.Is("DEFAULT")) && previous.Is("SET"))
                                || (t.Is("NOT") && i + 1 < to && tokens[i + 1].Is("DEFERRABLE"))
                                || (t.Is("AS") && previous.Is("ALWAYS"));
                if (!continues)
                    return i;
            }
        }
        return to;
    }

    private static SqlClause Clause(string sql, List<SqlToken> tokens, int from, int to, bool isTable)
    {
        string? name = null;
        var k = from;
        if (tokens[k].Is("CONSTRAINT") && k + 1 < to)
        {
            name = tokens[k + 1].Value;
            k += 2;
        }
        var text = sql[tokens[from].Start..tokens[to - 1].End];
        var kind = k >= to ? ClauseKind.Check : tokens[k] switch
        {
            var t when t.Is("PRIMARY") => ClauseKind.PrimaryKey,
            var t when t.Is("NOT") => ClauseKind.NotNull,
            var t when t.Is("NULL") => ClauseKind.Null,
            var t when t.Is("UNIQUE") => ClauseKind.Unique,
            var t when t.Is("CHECK") => ClauseKind.Check,
            var t when t.Is("DEFAULT") => ClauseKind.Default,
            var t when t.Is("COLLATE") => ClauseKind.Collate,
            var t when t.Is("REFERENCES") || t.Is("FOREIGN") => ClauseKind.ForeignKey,
            var t when t.Is("GENERATED") || t.Is("AS") => ClauseKind.Generated,
            _ => throw new MigrationException($"Cannot read the {(isTable ? "table constraint" : "column clause")} '{text}'; the batch stops rather than lose it."),
        };
        return new SqlClause(kind, name, text);
    }

    private static MigrationException Unsupported(string table, string why) =>
        new($"Cannot rebuild table '{table}': its CREATE TABLE statement cannot be read because {why}.");
}
