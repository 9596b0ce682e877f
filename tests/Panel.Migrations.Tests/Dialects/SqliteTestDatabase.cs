using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>A real SQLite database file in a temp folder, read back through SQLite's own catalog.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly SqliteFiles _files = new();

    public SqliteTestDatabase()
    {
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _files.NewPath(), Pooling = false }.ToString());
        Connection.Open();
        StatementRunner.Execute(Connection, "PRAGMA foreign_keys = ON");
    }

    public SqliteConnection Connection { get; }

    public void Apply(MigrationOperation operation) => StatementRunner.Apply(Connection, SqliteDialect.Instance, operation);

    public void Apply(Action<MigrationBuilder> describe)
    {
        foreach (var operation in Describe.All(describe))
            Apply(operation);
    }

    public List<string> Rows(string sql, params SqlArgument[] arguments) => StatementRunner.Rows(Connection, sql, arguments);

    /// <summary>PRAGMA table_xinfo: name|type|notnull|dflt_value|pk per column.</summary>
    public List<string> Columns(string table) =>
        Rows("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(@t) ORDER BY cid", new SqlArgument("t", table));

    /// <summary>PRAGMA index_list and index_xinfo: name|unique|origin|partial|key columns ("-2" marks an expression).</summary>
    public List<string> Indexes(string table) =>
        Rows("SELECT name, \"unique\", origin, partial FROM pragma_index_list(@t) ORDER BY name", new SqlArgument("t", table))
            .Select(index =>
            {
                var name = index.Split('|')[0];
                var keys = Rows("SELECT coalesce(name, cid) FROM pragma_index_xinfo(@i) WHERE key = 1 ORDER BY seqno", new SqlArgument("i", name));
                return index + "|" + string.Join(",", keys);
            })
            .ToList();

    /// <summary>PRAGMA foreign_key_list: table|from|to|on_update|on_delete.</summary>
    public List<string> ForeignKeys(string table) =>
        Rows("SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@t) ORDER BY id, seq", new SqlArgument("t", table));

    public string? Sql(string name) => Rows("SELECT sql FROM sqlite_master WHERE name = @n", new SqlArgument("n", name)).SingleOrDefault();

    /// <summary>The whole user schema as SQLite reports it, for "back to what it was" comparisons.</summary>
    public List<string> Snapshot()
    {
        var snapshot = new List<string>();
        foreach (var entry in Rows("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"))
        {
            snapshot.Add(entry);
            var parts = entry.Split('|');
            if (parts[0] == "table")
            {
                snapshot.AddRange(Columns(parts[1]).Select(c => "  column " + c));
                snapshot.AddRange(Indexes(parts[1]).Select(i => "  index " + i));
                snapshot.AddRange(ForeignKeys(parts[1]).Select(f => "  fk " + f));
            }
            else if (parts[0] == "index")
            {
                snapshot.Add("  sql " + Sql(parts[1]));
            }
        }
        return snapshot;
    }

    public void Dispose()
    {
        Connection.Dispose();
        _files.Dispose();
    }
}
