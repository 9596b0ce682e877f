using System;
using System.Collections.Generic;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers.RawSql;

/// <summary>
/// One statement of the SQL passed to <c>Execute</c>, read far enough to know what it does to which table: the
/// tokens come from the runtime's <see cref="SqlLexer"/>, names are read where the grammar expects a name (so
/// SQLite's <c>'crontab'</c> there is the table crontab, not a string).
/// </summary>
internal sealed class RawStatement
{
    private static readonly string[] ConstraintWords = { "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "INDEX", "KEY", "FULLTEXT", "SPATIAL", "DEFAULT", "PARTITION" };

    private RawStatement(List<SqlToken> tokens, SqlSyntax syntax)
    {
        Tokens = tokens;
        Syntax = syntax;
        Changes = new[] { this };
    }

    /// <summary>The tokens, without the closing semicolon.</summary>
    public List<SqlToken> Tokens { get; }
    /// <summary>Whose rules the tokens were read by.</summary>
    public SqlSyntax Syntax { get; }
    /// <summary>What the statement does.</summary>
    public RawStatementKind Kind { get; private set; }
    /// <summary>The table, when it could be read.</summary>
    public string? Table { get; private set; }
    /// <summary>The column (ADD/DROP COLUMN) or index (CREATE/DROP INDEX), when it could be read.</summary>
    public string? Name { get; private set; }
    /// <summary>The new name of RENAME TO.</summary>
    public string? NewName { get; private set; }
    /// <summary>For ALTER TABLE, the index of the first token after the table name.</summary>
    public int Action { get; private set; } = -1;
    /// <summary>For ADD COLUMN, the index of the first token after the column name (its type and constraints).</summary>
    public int Definition { get; private set; } = -1;

    /// <summary>
    /// The changes the statement makes, each read as a statement of its own: one per action of an <c>ALTER TABLE</c>
    /// with several (<c>ALTER TABLE t ADD COLUMN a INT, DROP COLUMN b</c> reads as <c>ALTER TABLE t ADD COLUMN a INT</c>
    /// and <c>ALTER TABLE t DROP COLUMN b</c>); otherwise the statement itself.
    /// </summary>
    public IReadOnlyList<RawStatement> Changes { get; private set; }

    /// <summary>The first keyword, upper-case.</summary>
    public string Verb => Tokens.Count > 0 && Tokens[0].Kind == SqlTokenKind.Word ? Tokens[0].Value.ToUpperInvariant() : string.Empty;

    /// <summary>Reads every statement of <paramref name="sql"/>.</summary>
    public static List<RawStatement> ReadAll(string sql, SqlSyntax syntax)
    {
        var result = new List<RawStatement>();
        foreach (var tokens in SqlLexer.Statements(sql, syntax))
        {
            var statement = new RawStatement(tokens, syntax);
            statement.Classify();
            statement.Changes = statement.Actions();
            result.Add(statement);
        }
        return result;
    }

    /// <summary>Whether the bare word occurs outside every parenthesis of the statement (not in a subquery).</summary>
    public bool HasTopLevel(string keyword)
    {
        foreach (var token in Tokens)
            if (token.Depth == Tokens[0].Depth && token.Is(keyword))
                return true;
        return false;
    }

    /// <summary>Whether the token at <paramref name="index"/> is the bare word.</summary>
    public bool Is(int index, string keyword) => index >= 0 && index < Tokens.Count && Tokens[index].Is(keyword);

    /// <summary>For ADD COLUMN: the tokens of its DEFAULT term, or null when it has no DEFAULT.</summary>
    public List<SqlToken>? DefaultTerm()
    {
        for (var i = Definition; i >= 0 && i < Tokens.Count; i++)
        {
            if (Tokens[i].Depth != Tokens[0].Depth || !Tokens[i].Is("DEFAULT"))
                continue;
            var term = new List<SqlToken>();
            var j = i + 1;
            if (j < Tokens.Count && Tokens[j].IsSymbol('('))
            {
                var depth = Tokens[j].Depth;
                do term.Add(Tokens[j++]);
                while (j < Tokens.Count && !(Tokens[j - 1].IsSymbol(')') && Tokens[j - 1].Depth == depth));
            }
            else
            {
                if (j < Tokens.Count && (Tokens[j].IsSymbol('-') || Tokens[j].IsSymbol('+')))
                    term.Add(Tokens[j++]);
                if (j < Tokens.Count)
                    term.Add(Tokens[j]);
            }
            return term;
        }
        return null;
    }

    /// <summary>
    /// For ADD COLUMN: whether the column is NOT NULL with nothing to fill the existing rows (no DEFAULT, not
    /// generated, not numbered by the database).
    /// </summary>
    public bool IsNotNullWithoutDefault()
    {
        if (Kind != RawStatementKind.AddColumn)
            return false;
        var notNull = false;
        for (var i = Definition; i >= 0 && i < Tokens.Count; i++)
        {
            var t = Tokens[i];
            if (t.Kind != SqlTokenKind.Word || t.Depth != Tokens[0].Depth)
                continue;
            var word = t.Value.ToUpperInvariant();
            if (word is "DEFAULT" or "GENERATED" or "AS" or "AUTO_INCREMENT" or "AUTOINCREMENT" or "IDENTITY" or "SERIAL" or "BIGSERIAL" or "SMALLSERIAL")
                return false;
            if (word == "NOT" && Is(i + 1, "NULL"))
                notNull = true;
        }
        return notNull;
    }

    private void Classify()
    {
        var i = 1;
        switch (Verb)
        {
            case "CREATE":
                while (i < Tokens.Count && (Tokens[i].Is("TEMP") || Tokens[i].Is("TEMPORARY") || Tokens[i].Is("UNLOGGED") || Tokens[i].Is("GLOBAL") || Tokens[i].Is("LOCAL") || Tokens[i].Is("UNIQUE")))
                    i++;
                if (Is(i, "TABLE"))
                {
                    i++;
                    SkipModifiers(ref i);
                    Set(RawStatementKind.CreateTable, table: ReadName(ref i));
                }
                else if (Is(i, "INDEX"))
                {
                    i++;
                    SkipModifiers(ref i);
                    var index = Is(i, "ON") ? null : ReadName(ref i);
                    if (!Is(i, "ON"))
                        return;
                    i++;
                    SkipModifiers(ref i);
                    Set(RawStatementKind.CreateIndex, table: ReadName(ref i), name: index);
                }
                return;
            case "DROP":
                if (Is(1, "TABLE") || Is(1, "INDEX"))
                {
                    var kind = Is(1, "TABLE") ? RawStatementKind.DropTable : RawStatementKind.DropIndex;
                    i = 2;
                    SkipModifiers(ref i);
                    var name = ReadName(ref i);
                    if (kind == RawStatementKind.DropTable)
                        Set(kind, table: name);
                    else
                        Set(kind, table: Is(i, "ON") ? ReadNameAt(i + 1) : null, name: name);
                }
                return;
            case "TRUNCATE":
                i = Is(1, "TABLE") ? 2 : 1;
                SkipModifiers(ref i);
                Set(RawStatementKind.Truncate, table: ReadName(ref i));
                return;
            case "UPDATE":
                if (Is(1, "OR"))
                    i = 3;
                SkipModifiers(ref i);
                Set(RawStatementKind.Update, table: ReadName(ref i));
                return;
            case "DELETE":
                i = Is(1, "FROM") ? 2 : 1;
                SkipModifiers(ref i);
                Set(RawStatementKind.Delete, table: ReadName(ref i));
                return;
            case "ALTER" when Is(1, "TABLE"):
                i = 2;
                SkipModifiers(ref i);
                Set(RawStatementKind.AlterTable, table: ReadName(ref i));
                Action = i;
                ClassifyAlter(i);
                return;
        }
    }

    // The actions of an ALTER TABLE, split at its top-level commas, each behind the statement's own ALTER TABLE t.
    private IReadOnlyList<RawStatement> Actions()
    {
        if (Kind is not (RawStatementKind.AlterTable or RawStatementKind.AddColumn or RawStatementKind.DropColumn or RawStatementKind.RenameTable))
            return Changes;
        var top = Tokens[0].Depth;
        var actions = new List<RawStatement>();
        var start = Action;
        for (var i = Action; i <= Tokens.Count; i++)
        {
            if (i < Tokens.Count && !(Tokens[i].IsSymbol(',') && Tokens[i].Depth == top))
                continue;
            if (i > start)
            {
                var action = new RawStatement(Tokens.GetRange(0, Action), Syntax);
                action.Tokens.AddRange(Tokens.GetRange(start, i - start));
                action.Classify();
                actions.Add(action);
            }
            start = i + 1;
        }
        return actions.Count > 1 ? actions : Changes;
    }

    private void ClassifyAlter(int i)
    {
        if (Is(i, "ADD") || Is(i, "DROP"))
        {
            var adds = Is(i, "ADD");
            i++;
            if (Is(i, "COLUMN"))
                i++;
            else if (i < Tokens.Count && Array.IndexOf(ConstraintWords, Tokens[i].Value.ToUpperInvariant()) >= 0 && Tokens[i].Kind == SqlTokenKind.Word)
                return;
            SkipModifiers(ref i);
            var column = ReadName(ref i);
            if (column is null)
                return;
            Kind = adds ? RawStatementKind.AddColumn : RawStatementKind.DropColumn;
            Name = column;
            Definition = i;
        }
        else if (Is(i, "RENAME") && Is(i + 1, "TO"))
        {
            Kind = RawStatementKind.RenameTable;
            NewName = ReadNameAt(i + 2);
        }
    }

    private void Set(RawStatementKind kind, string? table, string? name = null)
    {
        Kind = kind;
        Table = table;
        Name = name;
    }

    // IF [NOT] EXISTS, ONLY, CONCURRENTLY: words between a keyword and the name it introduces.
    private void SkipModifiers(ref int i)
    {
        while (i < Tokens.Count)
        {
            if (Is(i, "IF") && Is(i + 1, "EXISTS")) i += 2;
            else if (Is(i, "IF") && Is(i + 1, "NOT") && Is(i + 2, "EXISTS")) i += 3;
            else if (Is(i, "ONLY") || Is(i, "CONCURRENTLY")) i++;
            else break;
        }
    }

    private string? ReadNameAt(int i) => ReadName(ref i);

    // A possibly schema-qualified name (the last part is returned); bare words as written, quoted ones unquoted.
    private string? ReadName(ref int i)
    {
        if (i >= Tokens.Count || !Tokens[i].IsNameFor(Syntax))
            return null;
        var name = Tokens[i].NameText;
        i++;
        while (i + 1 < Tokens.Count && Tokens[i].IsSymbol('.') && Tokens[i + 1].IsNameFor(Syntax))
        {
            name = Tokens[i + 1].NameText;
            i += 2;
        }
        return name;
    }
}
