using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Batch;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Schema;

/// <summary>
/// Reads a SQLite database's catalog: the PRAGMAs for columns, keys, foreign keys and indexes, and the batch
/// rebuild's own <see cref="CreateTableParser"/> for what the PRAGMAs lose (AUTOINCREMENT, CHECK text, constraint names).
/// </summary>
internal static class SqliteCatalogReader
{
    /// <summary>Reads every table, index, trigger and view except the <paramref name="ignored"/> tables (our bookkeeping).</summary>
    public static Catalog Read(SqliteConnection connection, IReadOnlySet<string> ignored)
    {
        var master = new List<(string Type, string Name, string Table, string? Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                master.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        var tables = new List<CatalogTable>();
        var indexes = new List<CatalogIndex>();
        foreach (var entry in master.Where(m => m.Type == "table" && m.Sql is not null && !ignored.Contains(m.Name)))
        {
            var parsed = CreateTableParser.Parse(entry.Name, entry.Sql!);
            tables.Add(ReadTable(connection, entry.Name, parsed));
            indexes.AddRange(ReadIndexes(connection, entry.Name, master));
        }

        var triggers = master.Where(m => m.Type == "trigger" && m.Sql is not null && !ignored.Contains(m.Table)).Select(m => new CatalogRaw(m.Name, m.Table, m.Sql!)).ToList();
        var views = master.Where(m => m.Type == "view" && m.Sql is not null).Select(m => new CatalogRaw(m.Name, m.Table, m.Sql!)).ToList();
        return new Catalog(DatabaseKind.Sqlite, tables, indexes, triggers, views);
    }

    private static CatalogTable ReadTable(SqliteConnection connection, string table, ParsedTable parsed)
    {
        var columns = new List<CatalogColumn>();
        var pk = new List<(int Order, string Name)>();
        foreach (var row in Rows(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@t)", table))
        {
            var name = (string)row[0]!;
            var spec = parsed.Columns.FirstOrDefault(c => LiveTable.Same(c.Name, name));
            var autoIncrement = spec is not null && spec.Clauses.Any(c => c.Kind == ClauseKind.PrimaryKey && Tokens(c.Text).Any(t => t.Is("AUTOINCREMENT")));
            // The declared type as written (the PRAGMA upper-cases it), so the new table declares it the same way.
            columns.Add(new CatalogColumn(name, spec is { Type.Length: > 0 } ? spec.Type : (string)row[1]!, Convert.ToInt64(row[2], CultureInfo.InvariantCulture) == 0, row[3] as string, autoIncrement));
            var order = Convert.ToInt32(row[4], CultureInfo.InvariantCulture);
            if (order > 0)
                pk.Add((order, name));
        }

        var pkClause = parsed.Constraints.FirstOrDefault(c => c.Kind == ClauseKind.PrimaryKey)
                       ?? parsed.Columns.SelectMany(c => c.Clauses).FirstOrDefault(c => c.Kind == ClauseKind.PrimaryKey);
        var primaryKey = pk.Count == 0 ? null : new CatalogPrimaryKey(pkClause?.Name, pk.OrderBy(p => p.Order).Select(p => p.Name).ToList());

        var checks = parsed.Constraints.Concat(parsed.Columns.SelectMany(c => c.Clauses))
            .Where(c => c.Kind == ClauseKind.Check)
            .Select(c => new CatalogCheck(c.Name, CheckCondition(c.Text)))
            .ToList();

        var uniques = new List<CatalogUnique>();
        foreach (var row in Rows(connection, "SELECT name FROM pragma_index_list(@t) WHERE origin = 'u' ORDER BY seq DESC", table))
        {
            var cols = IndexColumns(connection, (string)row[0]!);
            var clause = parsed.Constraints.FirstOrDefault(c => c.Kind == ClauseKind.Unique && c.Name is not null
                                                                && cols.All(col => Tokens(c.Text).Any(t => t.IsName && LiveTable.Same(t.Value, col ?? ""))));
            uniques.Add(new CatalogUnique(clause?.Name, cols.Select(c => c ?? "").ToList()));
        }

        var foreignKeys = new List<CatalogForeignKey>();
        foreach (var group in Rows(connection, "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@t) ORDER BY id DESC, seq", table)
                     .GroupBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)))
        {
            var rows = group.ToList();
            var from = rows.Select(r => (string)r[3]!).ToList();
            var referenced = (string)rows[0][2]!;
            var to = rows.Select(r => r[4] as string).ToList();
            var clause = parsed.Constraints.FirstOrDefault(c => c.Kind == ClauseKind.ForeignKey && c.Name is not null
                                                                && Tokens(c.Text).Any(t => t.IsName && LiveTable.Same(t.Value, referenced)));
            foreignKeys.Add(new CatalogForeignKey(clause?.Name, from, referenced,
                to.Any(t => t is null) ? PrimaryKeyOf(connection, referenced) : to.Select(t => t!).ToList(),
                ReferentialActionWords.Parse((string)rows[0][6]!), ReferentialActionWords.Parse((string)rows[0][5]!)));
        }

        return new CatalogTable(table, columns, primaryKey, uniques, checks, foreignKeys);
    }

    private static IEnumerable<CatalogIndex> ReadIndexes(SqliteConnection connection, string table, List<(string Type, string Name, string Table, string? Sql)> master)
    {
        foreach (var row in Rows(connection, "SELECT name, \"unique\", partial FROM pragma_index_list(@t) WHERE origin = 'c' ORDER BY seq DESC", table))
        {
            var name = (string)row[0]!;
            var sql = master.FirstOrDefault(m => m.Type == "index" && m.Name == name).Sql ?? "";
            var columns = IndexColumns(connection, name);
            var tokens = Tokens(sql);
            var plain = columns.All(c => c is not null)
                        && !tokens.Any(t => t.Is("COLLATE") || t.Is("DESC") || t.Is("ASC"));
            string? where = null;
            var at = tokens.FindIndex(t => t.Is("WHERE"));
            if (at >= 0)
                where = sql[tokens[at + 1].Start..].Trim().TrimEnd(';').Trim();
            yield return new CatalogIndex(name, table, columns.Select(c => c ?? "").ToList(), Convert.ToInt64(row[1], CultureInfo.InvariantCulture) != 0, where,
                                          plain ? null : sql);
        }
    }

    private static List<string?> IndexColumns(SqliteConnection connection, string index) =>
        Rows(connection, "SELECT name FROM pragma_index_info(@t) ORDER BY seqno", index).Select(r => r[0] as string).ToList();

    private static List<string> PrimaryKeyOf(SqliteConnection connection, string table) =>
        Rows(connection, "SELECT name, pk FROM pragma_table_info(@t) WHERE pk > 0", table)
            .OrderBy(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)).Select(r => (string)r[0]!).ToList();

    private static string CheckCondition(string text)
    {
        var tokens = Tokens(text);
        var open = tokens.FindIndex(t => t.IsSymbol('('));
        var close = CreateTableParser.Matching(tokens, open);
        return text[tokens[open].End..tokens[close].Start].Trim();
    }

    private static List<SqlToken> Tokens(string sql) => SqlLexer.Tokenize(sql);

    private static List<object?[]> Rows(SqliteConnection connection, string sql, string parameter) =>
        CatalogQuery.Rows(connection, sql, ("@t", parameter));
}
