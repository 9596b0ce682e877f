using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Npgsql;
using Panel.Migrations.Dialects;

namespace Panel.Migrations.Schema;

/// <summary>
/// Reads the catalog of a PostgreSQL database's current schema from <c>pg_catalog</c>: tables in creation order,
/// columns (<c>format_type</c>, <c>pg_get_expr</c> defaults, identity, <c>serial</c> sequences), constraints, indexes
/// (<c>pg_get_indexdef</c> when no portable operation expresses one), triggers with their functions, and views.
/// </summary>
internal static class PostgresCatalogReader
{
    private const string InSchema = "relnamespace = current_schema()::regnamespace";

    /// <summary>Reads every table, index, trigger and view except the <paramref name="ignored"/> tables (our bookkeeping).</summary>
    public static Catalog Read(NpgsqlConnection connection, IReadOnlySet<string> ignored)
    {
        var tables = new List<CatalogTable>();
        var indexes = new List<CatalogIndex>();
        var triggers = new List<CatalogRaw>();
        var sequences = new List<CatalogSequence>();
        // One query per kind of object for the whole schema, each row ending with its table's oid: asked table by table,
        // a read of 30 tables took about 120 round trips.
        var columns = ByTable(connection, Columns);
        var constraints = ByTable(connection, Constraints);
        var tableIndexes = ByTable(connection, Indexes);
        var tableTriggers = ByTable(connection, $"SELECT t.tgname, pg_get_triggerdef(t.oid), t.tgrelid::int8 FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid WHERE r.{InSchema} AND NOT t.tgisinternal ORDER BY t.tgrelid, t.tgname");
        foreach (var row in CatalogQuery.Rows(connection, $"SELECT oid::int8, relname FROM pg_class WHERE {InSchema} AND relkind IN ('r', 'p') ORDER BY oid"))
        {
            var (oid, name) = ((long)row[0]!, (string)row[1]!);
            if (ignored.Contains(name))
                continue;
            tables.Add(ReadTable(columns[oid], constraints[oid], name, sequences));
            indexes.AddRange(tableIndexes[oid].Select(i => new CatalogIndex((string)i[0]!, name, ((string[])i[4]!).ToList(), (bool)i[1]!, i[2] as string, (bool)i[5]! ? null : (string)i[3]!)));
            triggers.AddRange(tableTriggers[oid].Select(t => new CatalogRaw((string)t[0]!, name, (string)t[1]!)));
        }

        var functions = CatalogQuery.Rows(connection, $"""
            SELECT DISTINCT p.oid, p.oid::regprocedure::text, pg_get_functiondef(p.oid)
            FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND p.pronamespace = current_schema()::regnamespace AND c.{InSchema} ORDER BY p.oid
            """).Select(f => new CatalogRaw((string)f[1]!, "", ((string)f[2]!).TrimEnd())).ToList();
        var views = CatalogQuery.Rows(connection, $"SELECT relname, pg_get_viewdef(oid) FROM pg_class WHERE {InSchema} AND relkind = 'v' ORDER BY oid")
            .Select(v => new CatalogRaw((string)v[0]!, (string)v[0]!,
                                        "CREATE VIEW " + PostgreSqlDialect.Instance.Quote((string)v[0]!) + " AS\n" + ((string)v[1]!).Trim().TrimEnd(';')))
            .ToList();
        return new Catalog(DatabaseKind.PostgreSql, tables, indexes, triggers, views) { Functions = functions, Sequences = sequences };
    }

    private const string Columns = $"""
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,
               (SELECT s.relname || ':' || format_type(q.seqtypid, NULL) FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid JOIN pg_sequence q ON q.seqrelid = s.oid
                WHERE dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' AND s.relkind = 'S'),
               a.attrelid::int8
        FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE r.{InSchema} AND r.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum
        """;

    private const string Constraints = $"""
        SELECT c.conname, c.contype::text, ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
               pg_get_expr(c.conbin, c.conrelid), f.relname,
               ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
               c.confdeltype::text, c.confupdtype::text, c.conrelid::int8
        FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid LEFT JOIN pg_class f ON f.oid = c.confrelid
        WHERE r.{InSchema} AND c.contype IN ('p', 'u', 'c', 'f') ORDER BY c.conrelid, c.conname
        """;

    // Indexes that back a constraint come with the constraint; every other index is read here.
    private const string Indexes = $"""
        SELECT ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid),
               ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o),
               i.indexprs IS NULL AND i.indnkeyatts = i.indnatts AND am.amname = 'btree' AND NOT i.indnullsnotdistinct
               AND NOT EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) o WHERE o <> 0)
               AND NOT EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[]) WITH ORDINALITY k(coll, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.o - 1] WHERE k.coll <> a.attcollation),
               i.indrelid::int8
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam JOIN pg_class r ON r.oid = i.indrelid
        WHERE r.{InSchema} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
        ORDER BY i.indrelid, ic.oid
        """;

    // The rows of one of the queries above by their last value, the table's oid.
    private static ILookup<long, object?[]> ByTable(NpgsqlConnection connection, string sql) => CatalogQuery.Rows(connection, sql).ToLookup(r => (long)r[^1]!);

    private static CatalogTable ReadTable(IEnumerable<object?[]> columnRows, IEnumerable<object?[]> constraintRows, string table, List<CatalogSequence> sequences)
    {
        var columns = new List<CatalogColumn>();
        foreach (var row in columnRows)
        {
            var name = (string)row[0]!;
            var identity = (string)row[4]!;
            columns.Add(new CatalogColumn(name, DeclaredType((string)row[1]!), (bool)row[2]!, row[3] as string, identity.Length > 0) { GeneratedAlways = identity == "a" });
            if (row[5] is string owned)
            {
                var at = owned.LastIndexOf(':');
                sequences.Add(new CatalogSequence(owned[..at], owned[(at + 1)..], table, name));
            }
        }

        CatalogPrimaryKey? primaryKey = null;
        var uniques = new List<CatalogUnique>();
        var checks = new List<CatalogCheck>();
        var foreignKeys = new List<CatalogForeignKey>();
        foreach (var row in constraintRows)
        {
            var name = (string)row[0]!;
            var keys = ((string[])row[2]!).ToList();
            switch ((string)row[1]!)
            {
                case "p":
                    // PostgreSQL's own name for it: leave it out, so a one-column key is written as primaryKey: true.
                    primaryKey = new CatalogPrimaryKey(name == table + "_pkey" ? null : name, keys);
                    break;
                case "u":
                    uniques.Add(new CatalogUnique(name, keys));
                    break;
                case "c":
                    checks.Add(new CatalogCheck(name, (string)row[3]!));
                    break;
                default:
                    foreignKeys.Add(new CatalogForeignKey(name, keys, (string)row[4]!, ((string[])row[5]!).ToList(), Action((string)row[6]!), Action((string)row[7]!)));
                    break;
            }
        }

        return new CatalogTable(table, columns, primaryKey, uniques, checks, foreignKeys);
    }

    /// <summary>
    /// <c>format_type</c>'s spelling turned into the dialect's own where they are the same type (<c>character varying(20)</c>
    /// is <c>VARCHAR(20)</c>), so the writer can use the portable <see cref="SqlType"/>; any other type is kept as it is.
    /// </summary>
    internal static string DeclaredType(string formatted)
    {
        var dialect = PostgreSqlDialect.Instance;
        var varchar = Regex.Match(formatted, @"^character varying\((\d+)\)$");
        if (varchar.Success)
            return dialect.RenderType(SqlType.String(int.Parse(varchar.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        var numeric = Regex.Match(formatted, @"^numeric\((\d+),(\d+)\)$");
        if (numeric.Success)
            return "NUMERIC(" + numeric.Groups[1].Value + ", " + numeric.Groups[2].Value + ")";
        return formatted switch
        {
            "integer" or "bigint" or "text" or "boolean" or "double precision" or "bytea" => formatted.ToUpperInvariant(),
            "timestamp without time zone" => dialect.RenderType(SqlType.DateTime),
            _ => formatted,
        };
    }

    private static ReferentialAction Action(string code) => code switch
    {
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        "r" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };
}
