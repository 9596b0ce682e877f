using System;

namespace Panel.Migrations.Sql;

/// <summary>The kinds of token <see cref="SqlLexer"/> tells apart.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted name.</summary>
    Word,
    /// <summary>A name in the dialect's identifier quotes.</summary>
    QuotedName,
    /// <summary>A string literal ('...', or "..." on MySQL, E'...' and $tag$...$tag$ on PostgreSQL).</summary>
    String,
    /// <summary>A number or blob literal, or a bound variable.</summary>
    Literal,
    /// <summary>Any other character: ( ) , . ; operators.</summary>
    Symbol,
}

/// <summary>One token of SQL, with its place in the source so that untouched text is kept byte for byte.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of the first character in the source.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Value">For names, the name without quotes; otherwise the source text.</param>
/// <param name="Depth">How many parentheses are open at the token (a closing one counts outside).</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End, string Value, int Depth)
{
    /// <summary>Whether this is a name (bare or quoted).</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName;

    /// <summary>
    /// Whether this token is a name where the grammar expects one: a bare or quoted name, and on SQLite also a
    /// 'string', which SQLite reads as a name there (<c>ALTER TABLE 'crontab' ADD 'status' INTEGER</c>).
    /// </summary>
    public bool IsNameFor(SqlSyntax syntax) => IsName || (Kind == SqlTokenKind.String && syntax == SqlSyntax.Sqlite && Value.Length >= 2 && Value[0] == '\'');

    /// <summary>The name a <see cref="IsNameFor"/> token stands for: without quotes, doubled quotes made single.</summary>
    public string NameText => Kind == SqlTokenKind.String ? Value.Substring(1, Value.Length - 2).Replace("''", "'") : Value;

    /// <summary>Whether this is the bare keyword <paramref name="keyword"/> (case-insensitive).</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Value.Length == 1 && Value[0] == symbol;
}
