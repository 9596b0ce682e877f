namespace Panel.Migrations.Sql;

/// <summary>Whose quoting and literal rules <see cref="SqlLexer"/> follows.</summary>
internal enum SqlSyntax
{
    /// <summary>SQLite: names in "double quotes", `backticks` or [brackets]; a 'string' stands for a name where only a name can be.</summary>
    Sqlite,
    /// <summary>PostgreSQL: names in "double quotes"; E'...' escapes, $tag$...$tag$ strings, nested /* */ comments.</summary>
    PostgreSql,
    /// <summary>MySQL and MariaDB (without ANSI_QUOTES): names in `backticks`; "double quotes" and 'single quotes' are strings with backslash escapes; # comments.</summary>
    MySql,
}
