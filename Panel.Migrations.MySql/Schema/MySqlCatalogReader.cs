using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MySqlConnector;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Schema;

/// <summary>
/// Reads the catalog of a MySQL/MariaDB database (the connection's current database) from <c>information_schema</c>:
/// tables, columns (<c>COLUMN_TYPE</c>, the default as the server reports it, <c>auto_increment</c>), the primary key,
/// foreign keys, check constraints, every other index (MySQL keeps a unique constraint as a unique index), triggers and
/// views. For comparing schemas; <c>baseline</c> does not write MySQL catalogs.
/// </summary>
internal static class MySqlCatalogReader
{
    private const string InDatabase = "TABLE_SCHEMA = DATABASE()";

    /// <summary>Reads every table, index, trigger and view except the <paramref name="ignored"/> tables (our bookkeeping).</summary>
    /// <remarks>One query per kind of object for the whole database, grouped by table here: information_schema is slow to ask table by table.</remarks>
    public static Catalog Read(MySqlConnection connection, IReadOnlySet<string> ignored)
    {
        var names = CatalogQuery.Rows(connection, $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE {InDatabase} AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")
            .Select(r => Text(r[0])).Where(n => !ignored.Contains(n)).ToList();
        var columns = ByTable(CatalogQuery.Rows(connection, $"""
            SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS
            WHERE {InDatabase} ORDER BY TABLE_NAME, ORDINAL_POSITION
            """));
        var statistics = ByTable(CatalogQuery.Rows(connection, $"""
            SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS
            WHERE {InDatabase} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """));
        var foreignKeys = ByTable(CatalogQuery.Rows(connection, """
            SELECT r.TABLE_NAME, r.CONSTRAINT_NAME, k.COLUMN_NAME, r.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE
            FROM information_schema.REFERENTIAL_CONSTRAINTS r
            JOIN information_schema.KEY_COLUMN_USAGE k
              ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME
            WHERE r.CONSTRAINT_SCHEMA = DATABASE() ORDER BY r.TABLE_NAME, r.CONSTRAINT_NAME, k.ORDINAL_POSITION
            """));
        var checks = ByTable(CatalogQuery.Rows(connection, """
            SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t
            JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
            WHERE t.CONSTRAINT_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE = 'CHECK' ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME
            """));

        var tables = new List<CatalogTable>();
        var indexes = new List<CatalogIndex>();
        foreach (var name in names)
        {
            var primaryKey = ReadIndexes(name, statistics[name], indexes);
            tables.Add(new CatalogTable(name,
                columns[name].Select(c => new CatalogColumn(Text(c[1]), Text(c[2]), Text(c[3]) == "YES", c[4] is null ? null : Text(c[4]),
                                                            Text(c[5]).Contains("auto_increment", StringComparison.OrdinalIgnoreCase))).ToList(),
                primaryKey, [],
                checks[name].Select(c => new CatalogCheck(Text(c[1]), Text(c[2]))).ToList(),
                foreignKeys[name].GroupBy(r => Text(r[1]))
                    .Select(g => new CatalogForeignKey(g.Key, g.Select(r => Text(r[2])).ToList(), Text(g.First()[3]), g.Select(r => Text(r[4])).ToList(),
                                                       ReferentialActionWords.Parse(Text(g.First()[5])), ReferentialActionWords.Parse(Text(g.First()[6]))))
                    .ToList()));
        }

        var triggers = CatalogQuery.Rows(connection, """
                SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT
                FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME
                """)
            .Where(t => !ignored.Contains(Text(t[1])))
            .Select(t => new CatalogRaw(Text(t[0]), Text(t[1]), $"CREATE TRIGGER {Quote(Text(t[0]))} {Text(t[2])} {Text(t[3])} ON {Quote(Text(t[1]))} FOR EACH ROW {Text(t[4])}"))
            .ToList();
        var views = CatalogQuery.Rows(connection, $"SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE {InDatabase} ORDER BY TABLE_NAME")
            .Select(v => new CatalogRaw(Text(v[0]), Text(v[0]), "CREATE VIEW " + Quote(Text(v[0])) + " AS " + Text(v[1])))
            .ToList();
        return new Catalog(DatabaseKind.MySql, tables, indexes, triggers, views);
    }

    // Rows whose first value is the table name, looked up by table (a table without rows gets none).
    private static ILookup<string, object?[]> ByTable(List<object?[]> rows) => rows.ToLookup(r => Text(r[0]), StringComparer.Ordinal);

    // Every index of one table from its STATISTICS rows (name, non-unique, column, prefix, type), columns in order; PRIMARY is the primary key.
    private static CatalogPrimaryKey? ReadIndexes(string table, IEnumerable<object?[]> statistics, List<CatalogIndex> indexes)
    {
        CatalogPrimaryKey? primaryKey = null;
        foreach (var index in statistics.GroupBy(r => Text(r[1])))
        {
            var rows = index.ToList();
            var keys = rows.Select(r => r[3] as string ?? "(expression)").ToList();
            if (index.Key == "PRIMARY")
            {
                primaryKey = new CatalogPrimaryKey(null, keys);
                continue;
            }

            // A prefix length or a non-BTREE index has no portable form: keep its shape as text so it is still compared.
            var unique = Convert.ToInt64(rows[0][2], CultureInfo.InvariantCulture) == 0;
            var plain = rows.All(r => r[4] is null && r[3] is not null) && Text(rows[0][5]) == "BTREE";
            var shape = (unique ? "UNIQUE " : "") + Text(rows[0][5]) + " ON " + table
                        + " (" + string.Join(", ", rows.Select(r => (r[3] as string ?? "(expression)") + (r[4] is null ? "" : "(" + Text(r[4]) + ")"))) + ")";
            indexes.Add(new CatalogIndex(index.Key, table, keys, unique, null, plain ? null : shape));
        }

        return primaryKey;
    }

    private static string Quote(string name) => MySqlDialect.Instance.Quote(name);

    // information_schema columns come back as string, or as byte[] on servers that report them as binary.
    private static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

}
