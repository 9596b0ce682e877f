using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Tests.Batch;

/// <summary>A SQLite file set up by SQL, with a one-revision runner and a full snapshot of schema and rows to compare.</summary>
internal sealed class BatchDatabase
{
    public BatchDatabase(string path, string setupSql, bool foreignKeys = true)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = foreignKeys, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = setupSql;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public List<string> Log { get; } = [];

    public List<BatchProgress> Progress { get; } = [];

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A runner of one revision; <paramref name="sqliteVersion"/> makes it assume that SQLite library instead of the bundled one.</summary>
    public MigrationRunner Runner(Action<MigrationBuilder> up, Action<MigrationBuilder>? down = null, Version? sqliteVersion = null) =>
        new(new MigrationMap([new MigrationInfo("b1", [], "batch", () => new LambdaMigration(up, down))]),
            new MigrationOptions(DatabaseKind.Sqlite, ConnectionString) { Log = Log.Add, BatchProgress = Progress.Add, SqliteLibraryVersion = sqliteVersion });

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<string> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetFieldType(i).Name + ":" + Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    /// <summary>
    /// Everything a rebuild must keep, read from SQLite's catalog: each schema object's SQL (tokens, so quoting and
    /// spacing do not matter), each table's PRAGMA table_xinfo / index_list / index_xinfo / foreign_key_list,
    /// sqlite_sequence, and every row with its rowid. The version table is left out.
    /// </summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        var tables = new List<string>();
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE name NOT IN ('alembic_version', 'panel_migrations_log', 'sqlite_sequence') AND sql IS NOT NULL ORDER BY type, name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                text.Append(reader.GetString(0)).Append(' ').Append(reader.GetString(1)).Append(": ").AppendLine(Normalise(reader.GetString(2)));
                if (reader.GetString(0) == "table")
                    tables.Add(reader.GetString(1));
            }
        }
        foreach (var table in tables)
        {
            text.AppendLine("-- " + table);
            Append(text, $"SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('{table}')");
            Append(text, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}') ORDER BY name");
            foreach (var index in Rows($"SELECT name FROM pragma_index_list('{table}') ORDER BY name"))
                Append(text, $"SELECT seqno, cid, name, \"desc\", coll, key FROM pragma_index_xinfo('{index.Split(':', 2)[1]}')");
            Append(text, $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')");
            var rowid = Scalar($"SELECT COUNT(*) FROM sqlite_master WHERE name = '{table}' AND sql LIKE '%WITHOUT ROWID%'") == 0 ? "rowid AS _r, " : "";
            Append(text, $"SELECT {rowid}* FROM \"{table}\" ORDER BY 1");
        }
        if (Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'") > 0)
            Append(text, "SELECT name, seq FROM sqlite_sequence ORDER BY name");
        return text.ToString();
    }

    private void Append(StringBuilder text, string sql)
    {
        foreach (var row in Rows(sql))
            text.AppendLine(row);
    }

    /// <summary>The SQL as tokens: quoting, spacing and comments do not count.</summary>
    public static string Normalise(string sql) =>
        string.Join(" ", SqlLexer.Tokenize(sql).Select(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName ? t.Value.ToLowerInvariant() : t.Value));

    public Task<MigrationResult> UpAsync(Action<MigrationBuilder> up, Action<MigrationBuilder>? down = null) => Runner(up, down).UpgradeAsync();
}
