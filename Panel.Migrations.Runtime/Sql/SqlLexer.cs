using System;
using System.Collections.Generic;

namespace Panel.Migrations.Sql;

/// <summary>
/// Splits SQL into tokens by the identifier and literal rules of SQLite, PostgreSQL or MySQL: names in each
/// dialect's quotes, string, blob and number literals, bound variables, and comments (skipped). Written once and
/// compiled into the runtime (batch rebuild, catalog reader) and the analyzers, so both read SQL alike.
/// </summary>
internal static class SqlLexer
{
    /// <summary>The tokens of <paramref name="sql"/>.</summary>
    public static List<SqlToken> Tokenize(string sql, SqlSyntax syntax = SqlSyntax.Sqlite)
    {
        var tokens = new List<SqlToken>();
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (IsLineComment(sql, i, syntax))
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
                continue;
            }
            if (c == '/' && Next(sql, i) == '*')
            {
                i = BlockCommentEnd(sql, i, nested: syntax == SqlSyntax.PostgreSql);
                continue;
            }
            var start = i;
            var (kind, end) = Scan(sql, i, syntax);
            i = end;
            var text = sql.Substring(start, end - start);
            var value = kind == SqlTokenKind.QuotedName ? Unquote(text) : text;
            if (kind == SqlTokenKind.Symbol && c == ')')
                depth = Math.Max(0, depth - 1);
            tokens.Add(new SqlToken(kind, start, end, value, depth));
            if (kind == SqlTokenKind.Symbol && c == '(')
                depth++;
        }
        return tokens;
    }

    /// <summary>
    /// The statements of a script, split at top-level semicolons (a <c>CREATE TRIGGER ... BEGIN ... END</c> body
    /// stays whole); the semicolons themselves are dropped.
    /// </summary>
    public static List<List<SqlToken>> Statements(string sql, SqlSyntax syntax = SqlSyntax.Sqlite)
    {
        var statements = new List<List<SqlToken>>();
        var current = new List<SqlToken>();
        var openBlocks = 0;
        foreach (var token in Tokenize(sql, syntax))
        {
            if (token.IsSymbol(';') && openBlocks == 0)
            {
                if (current.Count > 0)
                    statements.Add(current);
                current = new List<SqlToken>();
                continue;
            }
            if (IsTrigger(current) && (token.Is("BEGIN") || token.Is("CASE")))
                openBlocks++;
            else if (openBlocks > 0 && token.Is("END"))
                openBlocks--;
            current.Add(token);
        }
        if (current.Count > 0)
            statements.Add(current);
        return statements;
    }

    // CREATE [TEMP|TEMPORARY] TRIGGER: its body holds statements of its own.
    private static bool IsTrigger(List<SqlToken> statement) =>
        statement.Count >= 2 && statement[0].Is("CREATE") && (statement[1].Is("TRIGGER") || statement.Count >= 3 && statement[2].Is("TRIGGER"));

    private static (SqlTokenKind Kind, int End) Scan(string sql, int i, SqlSyntax syntax)
    {
        var c = sql[i];
        switch (c)
        {
            case '"':
                return syntax == SqlSyntax.MySql ? (SqlTokenKind.String, Quoted(sql, i, '"', backslash: true)) : (SqlTokenKind.QuotedName, Quoted(sql, i, '"', backslash: false));
            case '`' when syntax != SqlSyntax.PostgreSql:
                return (SqlTokenKind.QuotedName, Quoted(sql, i, '`', backslash: false));
            case '[' when syntax == SqlSyntax.Sqlite:
                var close = sql.IndexOf(']', i + 1);
                return (SqlTokenKind.QuotedName, close < 0 ? sql.Length : close + 1);
            case '\'':
                return (SqlTokenKind.String, Quoted(sql, i, '\'', backslash: syntax == SqlSyntax.MySql));
        }
        // X'0A' blobs (and B'01' bits on PostgreSQL and MySQL); E'\n' and N'...' strings.
        if (Next(sql, i) == '\'' && (c is 'x' or 'X' || syntax != SqlSyntax.Sqlite && c is 'b' or 'B'))
            return (SqlTokenKind.Literal, Quoted(sql, i + 1, '\'', backslash: false));
        if (Next(sql, i) == '\'' && (syntax == SqlSyntax.PostgreSql && c is 'e' or 'E' || syntax != SqlSyntax.Sqlite && c is 'n' or 'N'))
            return (SqlTokenKind.String, Quoted(sql, i + 1, '\'', backslash: syntax != SqlSyntax.PostgreSql || c is 'e' or 'E'));
        if (c == '$' && syntax == SqlSyntax.PostgreSql && DollarQuoteEnd(sql, i) is { } dollarEnd)
            return (SqlTokenKind.String, dollarEnd);
        if (IsDigit(c) || c == '.' && IsDigit(Next(sql, i)))
        {
            i++;
            while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '.' || (sql[i] is '+' or '-') && sql[i - 1] is 'e' or 'E'))
                i++;
            return (SqlTokenKind.Literal, i);
        }
        if (IsWordChar(c))
        {
            while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '$'))
                i++;
            return (SqlTokenKind.Word, i);
        }
        // Bound variables: ? ?1 :name @name $name (SQLite), $1 (PostgreSQL), @var @@var (MySQL); not PostgreSQL's :: cast.
        if (c is '?' or '@' or '$' || c == ':' && syntax != SqlSyntax.PostgreSql && IsWordChar(Next(sql, i)))
        {
            i++;
            while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '@' && sql[i - 1] == '@'))
                i++;
            return (SqlTokenKind.Literal, i);
        }
        return (SqlTokenKind.Symbol, i + 1);
    }

    // -- to the end of the line; MySQL wants a space after the dashes and also takes #.
    private static bool IsLineComment(string sql, int i, SqlSyntax syntax)
    {
        if (sql[i] == '#')
            return syntax == SqlSyntax.MySql;
        if (sql[i] != '-' || Next(sql, i) != '-')
            return false;
        return syntax != SqlSyntax.MySql || i + 2 >= sql.Length || char.IsWhiteSpace(sql[i + 2]);
    }

    private static int BlockCommentEnd(string sql, int open, bool nested)
    {
        var depth = 0;
        for (var i = open; i + 1 < sql.Length; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*' && (nested || depth == 0))
            {
                depth++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/' && --depth == 0)
                return i + 2;
            else if (sql[i] == '*' && sql[i + 1] == '/')
                i++;
        }
        return sql.Length;
    }

    // Index just past the closing quote; a doubled quote (or, where allowed, a backslash) escapes it.
    private static int Quoted(string sql, int open, char quote, bool backslash)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (backslash && sql[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (sql[i] == quote)
            {
                if (Next(sql, i) == quote)
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    // $$...$$ or $tag$...$tag$: index past the closing tag, or null when this $ does not open one.
    private static int? DollarQuoteEnd(string sql, int open)
    {
        var i = open + 1;
        while (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_' || i > open + 1 && IsDigit(sql[i])))
            i++;
        if (i >= sql.Length || sql[i] != '$')
            return null;
        var tag = sql.Substring(open, i + 1 - open);
        var close = sql.IndexOf(tag, i + 1, StringComparison.Ordinal);
        return close < 0 ? sql.Length : close + tag.Length;
    }

    private static string Unquote(string text)
    {
        var quote = text[0];
        var closing = quote == '[' ? ']' : quote;
        var inner = text.Length >= 2 && text[text.Length - 1] == closing ? text.Substring(1, text.Length - 2) : text.Substring(1);
        return quote == '[' ? inner : inner.Replace(new string(quote, 2), quote.ToString());
    }

    private static char Next(string sql, int i) => i + 1 < sql.Length ? sql[i + 1] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 127;
}
