using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Panel.Migrations.Tests.Sample;

/// <summary>A column as aaPanel's CREATE TABLE text declares it.</summary>
/// <param name="Name">The name, without its quotes.</param>
/// <param name="DeclaredType">The declared type as written (<c>TEXT</c>, <c>int</c>, <c>REAL</c>).</param>
/// <param name="Default">The DEFAULT expression as written, or null.</param>
/// <param name="PrimaryKey">Whether the declaration says PRIMARY KEY.</param>
internal sealed record LegacyColumn(string Name, string DeclaredType, string? Default, bool PrimaryKey);

/// <summary>A CREATE INDEX of the legacy file.</summary>
internal sealed record LegacyIndex(string Name, string Table, IReadOnlyList<string> Columns);

/// <summary>
/// The checked-in copy of aaPanel's 27 CREATE TABLE statements (Sample/aapanel-baseline.sql, embedded in the
/// test assembly), parsed just enough to know each table's columns, declared types and defaults.
/// </summary>
internal static class LegacySchema
{
    private static readonly Lazy<string> SqlText = new(() =>
    {
        using var stream = typeof(LegacySchema).Assembly.GetManifestResourceStream("aapanel-baseline.sql")
            ?? throw new InvalidOperationException("The embedded resource aapanel-baseline.sql is missing; see the test project file.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<LegacyColumn>>> ParsedTables = new(ParseTables);

    /// <summary>The whole file: aaPanel's statements and our comments.</summary>
    public static string Sql => SqlText.Value;

    /// <summary>Each table's columns, in declaration order, keyed by table name, in file order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LegacyColumn>> Tables => ParsedTables.Value;

    /// <summary>Table names in file order.</summary>
    public static IReadOnlyList<string> TableNames => ParsedTables.Value.Keys.ToArray();

    /// <summary>The CREATE INDEX statements.</summary>
    public static IReadOnlyList<LegacyIndex> Indexes =>
        Regex.Matches(WithoutComments(), @"CREATE\s+INDEX\s+(\w+)\s+ON\s+(\w+)\s*\(([^)]*)\)", RegexOptions.IgnoreCase)
             .Select(m => new LegacyIndex(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value.Split(',').Select(c => Unquote(c.Trim())).ToArray()))
             .ToArray();

    /// <summary>The names of the CREATE TRIGGER statements.</summary>
    public static IReadOnlyList<string> Triggers =>
        Regex.Matches(WithoutComments(), @"CREATE\s+TRIGGER\s+(\w+)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToArray();

    private static string WithoutComments() =>
        string.Join("\n", Sql.Split('\n').Select(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal) ? "" : line));

    private static IReadOnlyDictionary<string, IReadOnlyList<LegacyColumn>> ParseTables()
    {
        var sql = WithoutComments();
        // Lists keep file order; a dictionary's enumeration order is not promised.
        var result = new OrderedDictionary<string, IReadOnlyList<LegacyColumn>>(StringComparer.Ordinal);
        var header = new Regex(@"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`""'\[]?\w+[`""'\]]?)\s*\(", RegexOptions.IgnoreCase);
        foreach (Match match in header.Matches(sql))
        {
            var body = Parenthesized(sql, match.Index + match.Length - 1);
            var columns = SplitTopLevel(body).Select(ParseColumn).ToArray();
            result.Add(Unquote(match.Groups[1].Value), columns);
        }
        return result;
    }

    /// <summary>The text between the parenthesis at <paramref name="open"/> and its match, outside quotes.</summary>
    private static string Parenthesized(string sql, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '(': depth++; break;
                case ')' when --depth == 0: return sql.Substring(open + 1, i - open - 1);
            }
        }
        throw new FormatException($"Unbalanced parenthesis after position {open} in aapanel-baseline.sql.");
    }

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return body[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }
        var last = body[start..].Trim();
        if (last.Length > 0)
            yield return last;
    }

    private static LegacyColumn ParseColumn(string definition)
    {
        // name, then the type words up to the first constraint keyword, then the constraints.
        var m = Regex.Match(definition,
            @"^(?<name>`[^`]+`|""[^""]+""|'[^']+'|\w+)\s*(?<type>.*?)\s*(?<rest>(?:\b(?:PRIMARY|NOT|NULL|UNIQUE|DEFAULT|CHECK|REFERENCES|COLLATE)\b.*)?)$",
            RegexOptions.IgnoreCase | RegexOptions.Singleline);
        if (!m.Success)
            throw new FormatException($"Cannot read the column definition '{definition}'.");
        var rest = m.Groups["rest"].Value;
        var @default = Regex.Match(rest, @"\bDEFAULT\s*(?<value>'[^']*'|""[^""]*""|\([^)]*\)|[-\w.]+)", RegexOptions.IgnoreCase);
        return new LegacyColumn(
            Unquote(m.Groups["name"].Value),
            Regex.Replace(m.Groups["type"].Value.Trim(), @"\s+", " "),
            @default.Success ? @default.Groups["value"].Value : null,
            Regex.IsMatch(rest, @"\bPRIMARY\s+KEY\b", RegexOptions.IgnoreCase));
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && (name[0] is '`' or '"' or '\'' or '[') ? name[1..^1] : name;
}
