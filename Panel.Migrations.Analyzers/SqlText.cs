using System;
using System.Collections.Generic;
using System.Text;

namespace Panel.Migrations.Analyzers;

/// <summary>A tiny tokenizer for constant SQL passed to <c>Execute</c>: enough to recognise statement shapes.</summary>
public static class SqlText
{
    /// <summary>A token: a keyword or bare word (upper-cased), a quoted identifier, a string literal, or one symbol.</summary>
    public readonly struct Token
    {
        /// <summary>Creates a token.</summary>
        public Token(string text, bool isWord, bool isQuoted, bool isString, int depth)
        {
            Text = text;
            IsWord = isWord;
            IsQuoted = isQuoted;
            IsString = isString;
            Depth = depth;
        }

        /// <summary>The text: upper-case for words, unquoted for identifiers.</summary>
        public string Text { get; }
        /// <summary>A bare word.</summary>
        public bool IsWord { get; }
        /// <summary>A quoted identifier.</summary>
        public bool IsQuoted { get; }
        /// <summary>A string literal.</summary>
        public bool IsString { get; }
        /// <summary>Parenthesis depth at the token.</summary>
        public int Depth { get; }

        /// <summary>Whether it is the bare word <paramref name="keyword"/>.</summary>
        public bool Is(string keyword) => IsWord && Text == keyword;

        /// <summary>An identifier (bare or quoted).</summary>
        public bool IsIdentifier => IsWord || IsQuoted;

        /// <inheritdoc />
        public override string ToString() => Text;
    }

    /// <summary>Splits SQL into statements of tokens; comments are dropped.</summary>
    public static List<List<Token>> Statements(string sql)
    {
        var statements = new List<List<Token>>();
        var current = new List<Token>();
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }
            if (c == ';')
            {
                if (current.Count > 0) statements.Add(current);
                current = new List<Token>();
                depth = 0;
                i++;
                continue;
            }
            if (c is '"' or '`' or '[' or '\'')
            {
                var close = c == '[' ? ']' : c;
                var text = new StringBuilder();
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        if (i + 1 < sql.Length && sql[i + 1] == close && close != ']') { text.Append(close); i += 2; continue; }
                        i++;
                        break;
                    }
                    text.Append(sql[i++]);
                }
                current.Add(new Token(text.ToString(), isWord: false, isQuoted: c != '\'', isString: c == '\'', depth));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                current.Add(new Token(sql.Substring(start, i - start).ToUpperInvariant(), isWord: true, isQuoted: false, isString: false, depth));
                continue;
            }
            if (c == '(') { current.Add(new Token("(", false, false, false, depth)); depth++; i++; continue; }
            if (c == ')') { depth = Math.Max(0, depth - 1); current.Add(new Token(")", false, false, false, depth)); i++; continue; }
            current.Add(new Token(c.ToString(), false, false, false, depth));
            i++;
        }
        if (current.Count > 0) statements.Add(current);
        return statements;
    }

    /// <summary>Reads a possibly schema-qualified name at <paramref name="index"/>, advancing past it.</summary>
    public static string? Name(List<Token> tokens, ref int index)
    {
        if (index >= tokens.Count || !tokens[index].IsIdentifier)
            return null;
        var name = tokens[index].IsQuoted ? tokens[index].Text : tokens[index].Text.ToLowerInvariant();
        index++;
        while (index + 1 < tokens.Count && tokens[index].Text == "." && tokens[index + 1].IsIdentifier)
        {
            name = tokens[index + 1].IsQuoted ? tokens[index + 1].Text : tokens[index + 1].Text.ToLowerInvariant();
            index += 2;
        }
        return name;
    }

    /// <summary>Skips <c>IF [NOT] EXISTS</c> and <c>ONLY</c>.</summary>
    public static void SkipModifiers(List<Token> tokens, ref int index)
    {
        while (index < tokens.Count)
        {
            if (tokens[index].Is("IF") && index + 1 < tokens.Count && tokens[index + 1].Is("EXISTS")) index += 2;
            else if (tokens[index].Is("IF") && index + 2 < tokens.Count && tokens[index + 1].Is("NOT") && tokens[index + 2].Is("EXISTS")) index += 3;
            else if (tokens[index].Is("ONLY")) index++;
            else break;
        }
    }

    /// <summary>Whether a top-level keyword occurs anywhere in the statement.</summary>
    public static bool Contains(List<Token> tokens, string keyword)
    {
        foreach (var t in tokens)
            if (t.Is(keyword))
                return true;
        return false;
    }

    /// <summary>
    /// For an <c>ALTER TABLE</c> statement, the reason SQLite cannot run it, or null when it can.
    /// SQLite allows RENAME TO, RENAME [COLUMN] a TO b, ADD [COLUMN] (no PRIMARY KEY/UNIQUE/STORED/non-constant default), DROP [COLUMN].
    /// </summary>
    public static string? SqliteAlterProblem(List<Token> tokens, out string? table, Func<string?, bool> isNewTable)
    {
        table = null;
        if (tokens.Count < 3 || !tokens[0].Is("ALTER") || !tokens[1].Is("TABLE"))
            return null;
        var i = 2;
        SkipModifiers(tokens, ref i);
        table = Name(tokens, ref i);
        if (i >= tokens.Count)
            return null;
        for (var j = i; j < tokens.Count; j++)
            if (tokens[j].Text == "," && tokens[j].Depth == 0 && !tokens[j].IsString && !tokens[j].IsQuoted)
                return "SQLite runs one change per ALTER TABLE";
        var action = tokens[i];
        if (action.Is("RENAME"))
            return null;
        if (action.Is("DROP"))
        {
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            if (next.Is("CONSTRAINT") || next.Is("PRIMARY") || next.Is("FOREIGN") || next.Is("INDEX") || next.Is("DEFAULT") || next.Is("CHECK"))
                return "DROP " + next.Text + " is not supported";
            return null;
        }
        if (action.Is("ADD"))
        {
            var k = i + 1;
            if (k < tokens.Count && (tokens[k].Is("CONSTRAINT") || tokens[k].Is("PRIMARY") || tokens[k].Is("UNIQUE") || tokens[k].Is("FOREIGN") || tokens[k].Is("CHECK") || tokens[k].Is("INDEX")))
                return "ADD " + tokens[k].Text + " is not supported";
            for (var j = k; j < tokens.Count; j++)
            {
                if (tokens[j].Depth > 0) continue;
                if (tokens[j].Is("PRIMARY")) return "an added column cannot be a PRIMARY KEY";
                if (tokens[j].Is("UNIQUE")) return "an added column cannot be UNIQUE";
                if (tokens[j].Is("STORED")) return "an added column cannot be GENERATED ... STORED";
                if (tokens[j].Is("DEFAULT") && j + 1 < tokens.Count && !isNewTable(table))
                {
                    var d = tokens[j + 1];
                    if (d.Text == "(" || d.Is("CURRENT_TIMESTAMP") || d.Is("CURRENT_DATE") || d.Is("CURRENT_TIME"))
                        return "an added column needs a constant default on a table with rows";
                }
            }
            return null;
        }
        return action.IsWord ? action.Text + " is not supported (only RENAME, ADD COLUMN and DROP COLUMN are)" : "the statement is not one SQLite understands";
    }
}
