namespace Panel.Migrations.Batch;

/// <summary>The kinds of token the batch parser tells apart.</summary>
internal enum SqliteTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted name.</summary>
    Word,
    /// <summary>A name in "double quotes", [brackets] or `backticks`.</summary>
    QuotedName,
    /// <summary>A 'string' literal.</summary>
    String,
    /// <summary>A number or blob literal, or a bound variable.</summary>
    Literal,
    /// <summary>Any other character: ( ) , . ; operators.</summary>
    Symbol,
}

/// <summary>One token of SQLite SQL, with its place in the source so that untouched text is kept byte for byte.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of the first character in the source.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Value">For names, the name without quotes; otherwise the source text.</param>
internal readonly record struct SqliteToken(SqliteTokenKind Kind, int Start, int End, string Value)
{
    /// <summary>Whether this is a name (bare or quoted).</summary>
    public bool IsName => Kind is SqliteTokenKind.Word or SqliteTokenKind.QuotedName;

    /// <summary>Whether this is the bare keyword <paramref name="keyword"/> (case-insensitive).</summary>
    public bool Is(string keyword) => Kind == SqliteTokenKind.Word && string.Equals(Value, keyword, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqliteTokenKind.Symbol && Value.Length == 1 && Value[0] == symbol;
}
