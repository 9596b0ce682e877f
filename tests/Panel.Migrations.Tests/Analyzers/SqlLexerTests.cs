using System.Linq;
using Panel.Migrations.Sql;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// The one SQL lexer (Panel.Migrations.Runtime/Sql), compiled into the runtime and the analyzers alike: each
/// dialect's quoting and literal rules, comments, and statement splitting.
/// </summary>
public class SqlLexerTests
{
    private static string Kinds(string sql, SqlSyntax syntax) =>
        string.Join(" ", SqlLexer.Tokenize(sql, syntax).Select(t => t.Kind + ":" + t.Value));

    [Fact]
    public void Sqlite_reads_names_in_three_quotes_and_strings_blobs_and_variables()
    {
        Assert.Equal("Word:SELECT QuotedName:a\"b Symbol:, QuotedName:c`d Symbol:, QuotedName:e f Symbol:, String:'it''s' Symbol:, Literal:X'0A' Symbol:, Literal:?1 Symbol:, Literal::name Symbol:, Literal:1.5e-3",
            Kinds("SELECT \"a\"\"b\", `c``d`, [e f], 'it''s', X'0A', ?1, :name, 1.5e-3 -- comment\n/* block */", SqlSyntax.Sqlite));
    }

    [Fact]
    public void Sqlite_takes_a_single_quoted_name_where_a_name_is_expected()
    {
        var tokens = SqlLexer.Tokenize("ALTER TABLE 'crontab' ADD 'it''s' INTEGER", SqlSyntax.Sqlite);
        Assert.Equal(SqlTokenKind.String, tokens[2].Kind);
        Assert.True(tokens[2].IsNameFor(SqlSyntax.Sqlite));
        Assert.Equal("crontab", tokens[2].NameText);
        Assert.Equal("it's", tokens[4].NameText);
        // Only SQLite reads a string as a name; the batch's own IsName stays strict.
        Assert.False(tokens[2].IsNameFor(SqlSyntax.PostgreSql));
        Assert.False(tokens[2].IsName);
    }

    [Fact]
    public void PostgreSql_reads_escape_and_dollar_strings_and_nested_comments()
    {
        Assert.Equal("Word:SELECT String:E'it\\'s' Symbol:, String:$f$a;'b$f$ Symbol:, Literal:$1 Symbol:, QuotedName:x Symbol:: Symbol:: Word:text Symbol:, Symbol:[",
            Kinds("SELECT E'it\\'s', $f$a;'b$f$, $1, \"x\"::text /* a /* nested */ comment */, [", SqlSyntax.PostgreSql));
        Assert.Single(SqlLexer.Statements("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;", SqlSyntax.PostgreSql));
    }

    [Fact]
    public void MySql_reads_backticks_as_names_and_double_quotes_as_strings_with_backslashes()
    {
        Assert.Equal("Word:SELECT QuotedName:a`b Symbol:, String:\"x\\\"y\" Symbol:, String:'it\\'s' Symbol:, Symbol:- Symbol:- Literal:1 Symbol:, Literal:@@version",
            Kinds("SELECT `a``b`, \"x\\\"y\", 'it\\'s', --1, @@version # comment", SqlSyntax.MySql));
    }

    [Fact]
    public void Statements_split_at_top_level_semicolons_and_keep_a_trigger_body_whole()
    {
        var statements = SqlLexer.Statements(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; DELETE FROM c; END; UPDATE a SET s = ';' WHERE id = 1;;",
            SqlSyntax.Sqlite);
        Assert.Equal(2, statements.Count);
        Assert.True(statements[0].Last().Is("END"));
        Assert.True(statements[1][0].Is("UPDATE"));
    }

    [Fact]
    public void Tokens_know_their_parenthesis_depth()
    {
        var tokens = SqlLexer.Tokenize("UPDATE t SET a = (SELECT b FROM u WHERE c = 1)", SqlSyntax.Sqlite);
        Assert.Equal(1, tokens.Single(t => t.Is("WHERE")).Depth);
        Assert.Equal(0, tokens.Last().Depth);
    }
}
