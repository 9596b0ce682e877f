using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Cli.Baseline;
using Panel.Migrations.Schema;
using Panel.Migrations.Tests.Sample;
using Xunit;

namespace Panel.Migrations.Tests.Baseline;

/// <summary>
/// baseline --from-database on SQLite: a database → its catalog → the written C# migration → compiled in memory →
/// applied by MigrationRunner to an empty database → the same catalog (PRAGMA table_info, index_list/index_info,
/// foreign_key_list, the CHECK and AUTOINCREMENT parts of sqlite_master, triggers and views verbatim).
/// </summary>
public sealed class SqliteBaselineRoundTripTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "panel-baseline-" + Guid.NewGuid().ToString("N"));

    public SqliteBaselineRoundTripTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    internal const string EveryFeature = """
        CREATE TABLE owners (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(120) NOT NULL, CONSTRAINT uq_owners_email UNIQUE (email));
        CREATE TABLE sites (
          id INTEGER PRIMARY KEY,
          owner_id INTEGER NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
          name TEXT NOT NULL DEFAULT '',
          port int DEFAULT 80 CHECK (port > 0),
          ratio NUMERIC(10, 2),
          price REAL,
          created DATETIME DEFAULT CURRENT_TIMESTAMP,
          payload BLOB,
          CONSTRAINT ck_sites_name CHECK (length(name) < 200),
          UNIQUE (owner_id, name)
        );
        CREATE TABLE site_tags (site_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (site_id, tag),
          CONSTRAINT fk_tags_site FOREIGN KEY (site_id) REFERENCES sites (id) ON UPDATE SET NULL);
        CREATE INDEX ix_sites_port ON sites (port);
        CREATE UNIQUE INDEX ux_sites_live ON sites (name) WHERE port IS NOT NULL;
        CREATE INDEX ix_sites_lower ON sites (lower(name));
        CREATE VIEW live_sites AS SELECT id, name FROM sites WHERE port IS NOT NULL;
        CREATE TRIGGER trg_sites_name AFTER UPDATE OF name ON sites BEGIN UPDATE sites SET created = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
        """;

    [Fact]
    public async Task The_aaPanel_reference_schema_round_trips()
    {
        var catalog = await RoundTripAsync(LegacySchema.Sql);
        Assert.Equal(LegacySchema.TableNames.Count, catalog.Count(l => l.StartsWith("table ", StringComparison.Ordinal)));
        Assert.Equal(LegacySchema.Triggers.Count, catalog.Count(l => l.StartsWith("trigger ", StringComparison.Ordinal)));
        Assert.Equal(LegacySchema.Indexes.Count, catalog.Count(l => l.StartsWith("index ", StringComparison.Ordinal) && l.Contains("origin=c", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_schema_with_every_feature_round_trips()
    {
        var catalog = await RoundTripAsync(EveryFeature);
        Assert.Contains("table owners autoincrement=True", catalog);
        Assert.Contains("check sites port > 0", catalog);
        Assert.Contains("check sites length(name) < 200", catalog);
        Assert.Contains(catalog, l => l.StartsWith("fk site_tags site_id -> sites.id", StringComparison.Ordinal) && l.Contains("update=SET NULL", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("fk sites owner_id -> owners.id", StringComparison.Ordinal) && l.Contains("delete=CASCADE", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("index sites.ux_sites_live unique=1 origin=c partial=1", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("index sites.ix_sites_lower", StringComparison.Ordinal) && l.Contains("<expr>", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("index site_tags.auto unique=1 origin=pk", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("index sites.auto unique=1 origin=u", StringComparison.Ordinal));
        Assert.Contains("column sites.port #3 type=INT notnull=0 default=80 pk=0", catalog);
        Assert.Contains(catalog, l => l.StartsWith("view live_sites", StringComparison.Ordinal));
        Assert.Contains(catalog, l => l.StartsWith("trigger trg_sites_name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Down_drops_everything_Up_created()
    {
        var (migration, _) = Generate(EveryFeature);
        var target = Path.Combine(_folder, "down.db");
        var runner = new MigrationRunner(CompiledBaseline.Map(migration), new MigrationOptions(DatabaseKind.Sqlite, "Data Source=" + target));
        await runner.UpgradeAsync();
        await runner.DowngradeAsync("base");
        using var connection = Open(target);
        Assert.Equal(new[] { "alembic_version" }, Query(connection, "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'panel_migrations_log' ORDER BY name").Select(r => (string)r[0]!));
    }

    private (Func<Migration> Create, string Source) Generate(string schema)
    {
        var original = Path.Combine(_folder, "original-" + Guid.NewGuid().ToString("N") + ".db");
        using (var connection = Open(original))
        {
            using var command = connection.CreateCommand();
            command.CommandText = schema;
            command.ExecuteNonQuery();
        }

        string source;
        using (var connection = Open(original))
            source = BaselineWriter.Write(SqliteCatalogReader.Read(connection, CatalogReader.BookkeepingTables(MigrationOptions.ForSqlite(original))), "b0", "App.Migrations", "Baseline", "baseline", DateTimeOffset.UnixEpoch);

        return (CompiledBaseline.Load(source), original + "\n" + source);
    }

    private async Task<List<string>> RoundTripAsync(string schema)
    {
        var (migration, source) = Generate(schema);
        var original = source[..source.IndexOf('\n', StringComparison.Ordinal)];
        var copy = Path.Combine(_folder, "copy.db");
        await new MigrationRunner(CompiledBaseline.Map(migration), new MigrationOptions(DatabaseKind.Sqlite, "Data Source=" + copy)).UpgradeAsync();

        using var left = Open(original);
        using var right = Open(copy);
        var expected = Describe(left);
        var actual = Describe(right);
        Assert.True(expected.SequenceEqual(actual), "catalogs differ:\n" + string.Join("\n", Diff(expected, actual)) + "\n\n" + source);
        return expected;
    }

    /// <summary>
    /// The catalog as lines. Normalised: an INTEGER PRIMARY KEY (the rowid, never NULL) may be declared NOT NULL or
    /// not; the automatic indexes of UNIQUE/PRIMARY KEY are compared by columns, not by their numbered names; a
    /// table's CREATE text is compared through its CHECK conditions and AUTOINCREMENT, not its quoting and layout.
    /// </summary>
    internal static List<string> Describe(SqliteConnection connection)
    {
        var lines = new List<string>();
        var master = Query(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY type, name");
        foreach (var row in master.Where(r => (string)r[0]! == "table"))
        {
            var table = (string)row[1]!;
            var sql = (string)row[3]!;
            foreach (var c in Query(connection, "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@t)", table))
            {
                var rowid = Convert.ToInt64(c[5]) == 1 && ((string)c[2]!).Equals("INTEGER", StringComparison.OrdinalIgnoreCase)
                            && Query(connection, "SELECT COUNT(*) FROM pragma_table_info(@t) WHERE pk > 0", table)[0][0] is long n && n == 1;
                lines.Add($"column {table}.{c[1]} #{c[0]} type={c[2]} notnull={(rowid ? "rowid" : c[3])} default={c[4] ?? "<null>"} pk={c[5]}");
            }

            foreach (var i in Query(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@t)", table))
            {
                var columns = string.Join(",", Query(connection, "SELECT coalesce(name, '<expr>'), desc, coll FROM pragma_index_xinfo(@t) WHERE key = 1 ORDER BY seqno", (string)i[0]!)
                    .Select(x => $"{x[0]}:{x[1]}:{x[2]}"));
                var name = (string)i[2]! == "c" ? (string)i[0]! : "auto";
                lines.Add($"index {table}.{name} unique={i[1]} origin={i[2]} partial={i[3]} columns={columns}");
            }

            foreach (var f in Query(connection, "SELECT seq, \"table\", \"from\", \"to\", on_update, on_delete, match FROM pragma_foreign_key_list(@t)", table))
                lines.Add($"fk {table} {f[2]} -> {f[1]}.{f[3]} seq={f[0]} update={f[4]} delete={f[5]} match={f[6]}");

            lines.Add($"table {table} autoincrement={Regex.IsMatch(sql, "AUTOINCREMENT", RegexOptions.IgnoreCase)}");
            foreach (Match check in Regex.Matches(sql, @"CHECK\s*\((.*?)\)(?=\s*[,)]|\s*$)", RegexOptions.IgnoreCase | RegexOptions.Singleline))
                lines.Add($"check {table} {Regex.Replace(check.Groups[1].Value, @"\s+", " ").Trim()}");
        }

        foreach (var row in master.Where(r => (string)r[0]! is "trigger" or "view"))
            lines.Add($"{row[0]} {row[1]} on {row[2]}: {Regex.Replace((string)row[3]!, @"\s+", " ").Trim()}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static IEnumerable<string> Diff(List<string> expected, List<string> actual) =>
        expected.Except(actual).Select(l => "- " + l).Concat(actual.Except(expected).Select(l => "+ " + l));

    internal static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
        connection.Open();
        return connection;
    }

    internal static List<object?[]> Query(SqliteConnection connection, string sql, string? parameter = null) =>
        parameter is null ? CatalogQuery.Rows(connection, sql) : CatalogQuery.Rows(connection, sql, ("@t", parameter));
}
