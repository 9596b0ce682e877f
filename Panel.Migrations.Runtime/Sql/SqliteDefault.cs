using System;
using System.Collections.Generic;

namespace Panel.Migrations.Sql;

/// <summary>
/// What SQLite's grammar makes of a <c>DEFAULT</c> expression. SQLite accepts a bare literal or
/// <c>CURRENT_TIME/DATE/TIMESTAMP</c>; anything else must be in parentheses, and <c>ADD COLUMN</c> accepts
/// only constants on a table that has rows.
/// </summary>
internal static class SqliteDefault
{
    /// <summary>The expression as SQLite accepts it after <c>DEFAULT</c>: wrapped in ( ) unless it is a literal or a time keyword.</summary>
    public static string Render(string expression)
    {
        var text = expression.Trim();
        return IsLiteral(text) || IsTimeKeyword(text) || IsParenthesized(text) ? text : "(" + text + ")";
    }

    /// <summary>
    /// Whether <c>ALTER TABLE ... ADD COLUMN</c> accepts the default on a table with rows: a literal number,
    /// string, blob, NULL, TRUE or FALSE. Time keywords and expressions are rejected there ("Cannot add a
    /// column with non-constant default").
    /// </summary>
    public static bool IsConstant(string expression) => IsLiteral(expression.Trim());

    /// <summary>
    /// Why SQLite's <c>ADD COLUMN</c> refuses a column with this default on a table with rows, or null when it
    /// accepts it. The runtime refuses the operation with it and the analyzers report it (PMIG032), in the same words.
    /// </summary>
    /// <param name="expression">The <c>serverDefault</c> as the builder was given it, or null for none.</param>
    /// <param name="nullable">Whether the column takes NULL.</param>
    public static string? AddColumnProblem(string? expression, bool nullable)
    {
        if (expression is not null && !IsConstant(expression))
            return $"the default {expression} is not a constant (a literal number, string, NULL, TRUE or FALSE)";
        if (!nullable && IsNull(expression))
            return "a NOT NULL column needs a default other than NULL for the existing rows";
        return null;
    }

    /// <summary>
    /// Whether a default written in raw SQL (<c>ALTER TABLE t ADD c INTEGER DEFAULT term</c>) is one that SQLite's
    /// <c>ADD COLUMN</c> takes on a table with rows: a literal, a bare or quoted name (SQLite stores it as text:
    /// aaPanel's <c>DEFAULT off</c>, <c>DEFAULT ""</c>), or parentheses around literals and operators only.
    /// CURRENT_TIME/DATE/TIMESTAMP and expressions that call a function or read a column are not constant.
    /// </summary>
    /// <param name="term">The tokens of the default term, <c>DEFAULT</c> itself excluded.</param>
    public static bool IsConstantTerm(IReadOnlyList<SqlToken> term)
    {
        if (term.Count == 0)
            return false;
        if (term.Count == 1 || term.Count == 2 && (term[0].IsSymbol('-') || term[0].IsSymbol('+')))
            return !IsTimeKeyword(term[term.Count - 1].Value);
        if (!term[0].IsSymbol('('))
            return false;
        foreach (var token in term)
        {
            var constant = token.Kind is SqlTokenKind.String or SqlTokenKind.Literal
                           || token.Kind == SqlTokenKind.Symbol && !token.IsSymbol('.')
                           || token.Is("NULL") || token.Is("TRUE") || token.Is("FALSE");
            if (!constant)
                return false;
        }
        return true;
    }

    /// <summary>Whether the default is the NULL literal, which a NOT NULL column cannot take.</summary>
    public static bool IsNull(string? expression) =>
        expression is null || string.Equals(expression.Trim(), "NULL", StringComparison.OrdinalIgnoreCase);

    private static bool IsLiteral(string text) =>
        IsSignedNumber(text) || IsStringLiteral(text) || IsBlobLiteral(text)
        || string.Equals(text, "NULL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(text, "TRUE", StringComparison.OrdinalIgnoreCase)
        || string.Equals(text, "FALSE", StringComparison.OrdinalIgnoreCase);

    private static bool IsTimeKeyword(string text) =>
        string.Equals(text, "CURRENT_TIME", StringComparison.OrdinalIgnoreCase)
        || string.Equals(text, "CURRENT_DATE", StringComparison.OrdinalIgnoreCase)
        || string.Equals(text, "CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase);

    // signed-number: [+|-] (digits [. digits] | . digits) [e [+|-] digits] | 0x hexdigits
    private static bool IsSignedNumber(string text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            i++;
        if (i + 2 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
            for (i += 2; i < text.Length; i++)
            {
                if (!Uri.IsHexDigit(text[i]))
                    return false;
            }
            return true;
        }
        var digits = 0;
        for (; i < text.Length && IsDigit(text[i]); i++)
            digits++;
        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && IsDigit(text[i]); i++)
                digits++;
        }
        if (digits == 0)
            return false;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                i++;
            var exponent = 0;
            for (; i < text.Length && IsDigit(text[i]); i++)
                exponent++;
            if (exponent == 0)
                return false;
        }
        return i == text.Length;
    }

    // One '...' literal whose inner quotes are all doubled; 'a' || 'b' is an expression, not a literal.
    private static bool IsStringLiteral(string text)
    {
        if (text.Length < 2 || text[0] != '\'' || text[text.Length - 1] != '\'')
            return false;
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] != '\'')
                continue;
            if (text[i + 1] != '\'' || i + 1 == text.Length - 1)
                return false;
            i++;
        }
        return true;
    }

    private static bool IsBlobLiteral(string text)
    {
        if (text.Length < 3 || (text[0] != 'x' && text[0] != 'X') || text[1] != '\'' || text[text.Length - 1] != '\'' || (text.Length - 3) % 2 != 0)
            return false;
        for (var i = 2; i < text.Length - 1; i++)
        {
            if (!Uri.IsHexDigit(text[i]))
                return false;
        }
        return true;
    }

    // True when the opening parenthesis closes at the very end: "(1+1)" yes, "(1)+(2)" no.
    private static bool IsParenthesized(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[text.Length - 1] != ')')
            return false;
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                continue;
            }
            if (c is '\'' or '"')
                quote = c;
            else if (c == '(')
                depth++;
            else if (c == ')' && --depth == 0)
                return i == text.Length - 1;
        }
        return false;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
