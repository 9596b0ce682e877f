using System.Collections.Generic;

namespace Panel.Migrations.Batch;

/// <summary>
/// Splits SQLite SQL into tokens the way SQLite's own tokenizer does for the parts the batch needs:
/// names in all three quoting styles, string and blob literals, numbers, and comments (skipped).
/// </summary>
internal static class SqliteTokenizer
{
    public static List<SqliteToken> Tokenize(string sql)
    {
        var tokens = new List<SqliteToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var close = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + 2;
                continue;
            }
            var start = i;
            switch (c)
            {
                case '"' or '`':
                    i = Quoted(sql, i, c);
                    tokens.Add(new(SqliteTokenKind.QuotedName, start, i, Unquote(sql, start, i, c)));
                    break;
                case '[':
                    var end = sql.IndexOf(']', i + 1);
                    i = end < 0 ? sql.Length : end + 1;
                    tokens.Add(new(SqliteTokenKind.QuotedName, start, i, sql.Substring(start + 1, System.Math.Max(0, i - start - 2))));
                    break;
                case '\'':
                    i = Quoted(sql, i, '\'');
                    tokens.Add(new(SqliteTokenKind.String, start, i, sql[start..i]));
                    break;
                default:
                    if ((c is 'x' or 'X') && i + 1 < sql.Length && sql[i + 1] == '\'')
                    {
                        i = Quoted(sql, i + 1, '\'');
                        tokens.Add(new(SqliteTokenKind.Literal, start, i, sql[start..i]));
                    }
                    else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1])))
                    {
                        i++;
                        while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '.' || sql[i] == '_'
                                                  || ((sql[i] is '+' or '-') && (sql[i - 1] is 'e' or 'E'))))
                            i++;
                        tokens.Add(new(SqliteTokenKind.Literal, start, i, sql[start..i]));
                    }
                    else if (IsWordChar(c))
                    {
                        while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '$'))
                            i++;
                        tokens.Add(new(SqliteTokenKind.Word, start, i, sql[start..i]));
                    }
                    else if (c is '?' or ':' or '@' or '$')
                    {
                        i++;
                        while (i < sql.Length && IsWordChar(sql[i]))
                            i++;
                        tokens.Add(new(SqliteTokenKind.Literal, start, i, sql[start..i]));
                    }
                    else
                    {
                        i++;
                        tokens.Add(new(SqliteTokenKind.Symbol, start, i, sql[start..i]));
                    }
                    break;
            }
        }
        return tokens;
    }

    // Index just past the closing quote; a doubled quote is part of the text.
    private static int Quoted(string sql, int open, char quote)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
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

    private static string Unquote(string sql, int start, int end, char quote)
    {
        var inner = sql.Substring(start + 1, System.Math.Max(0, end - start - 2));
        return inner.Replace(new string(quote, 2), quote.ToString());
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 127;
}
