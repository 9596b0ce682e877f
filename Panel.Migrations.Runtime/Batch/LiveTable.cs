using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Batch;

/// <summary>
/// A table as the database has it right now, read from SQLite itself inside the step's transaction:
/// its <c>CREATE TABLE</c> text (taken apart), its explicit indexes and triggers, its AUTOINCREMENT counter,
/// and the tables whose foreign keys point at it.
/// </summary>
internal sealed class LiveTable
{
    private LiveTable(string name, ParsedTable definition, List<SchemaObject> indexes, List<SchemaObject> triggers, List<string> views,
                      long? sequence, List<string> children, bool hasRows, HashSet<string> generated)
    {
        Name = name;
        Definition = definition;
        Indexes = indexes;
        Triggers = triggers;
        Views = views;
        Sequence = sequence;
        Children = children;
        HasRows = hasRows;
        GeneratedColumns = generated;
    }

    /// <summary>The table name as stored.</summary>
    public string Name { get; }

    public ParsedTable Definition { get; }

    /// <summary>Indexes created with CREATE INDEX (the automatic ones of UNIQUE/PRIMARY KEY come back with the table).</summary>
    public List<SchemaObject> Indexes { get; }

    /// <summary>Triggers on the table; DROP TABLE removes them, so the rebuild re-creates them.</summary>
    public List<SchemaObject> Triggers { get; }

    /// <summary>Views whose text names the table; checked after the rebuild.</summary>
    public List<string> Views { get; }

    /// <summary>The table's row in <c>sqlite_sequence</c> (AUTOINCREMENT), or null.</summary>
    public long? Sequence { get; }

    /// <summary>Other tables with a foreign key into this one.</summary>
    public List<string> Children { get; }

    public bool HasRows { get; }

    /// <summary>Columns that PRAGMA table_xinfo reports as generated (hidden 2 or 3).</summary>
    public HashSet<string> GeneratedColumns { get; }

    public bool WithoutRowid => Definition.Options.Contains("WITHOUT", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="MigrationException">The table does not exist or cannot be read safely.</exception>
    public static LiveTable Read(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        var schema = new List<(string Type, string Name, string TableName, string? Sql)>();
        using (var reader = Command(connection, transaction, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").ExecuteReader())
        {
            while (reader.Read())
                schema.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        var entry = schema.FirstOrDefault(s => s.Type == "table" && Same(s.Name, table));
        if (entry.Sql is null)
        {
            var leftover = schema.Any(s => s.Type == "table" && Same(s.Name, SqliteTableRebuilder.TempName(table)));
            throw new MigrationException(leftover
                ? $"Table '{table}' does not exist, but '{SqliteTableRebuilder.TempName(table)}' does: it may hold the rows of an interrupted rebuild by another tool. " +
                  $"Check it, and rename it back with ALTER TABLE \"{SqliteTableRebuilder.TempName(table)}\" RENAME TO \"{table}\" if it is complete."
                : $"Table '{table}' does not exist, so the batch cannot alter it; check the table name (and that an earlier migration created it).");
        }
        var name = entry.Name;
        var definition = CreateTableParser.Parse(name, entry.Sql);

        // Cross-check the parse with SQLite's own view of the columns: a mismatch means the parser misread something.
        var pragmaColumns = new List<string>();
        var generated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = Command(connection, transaction, "SELECT name, hidden FROM pragma_table_xinfo(@t)", name).ExecuteReader())
        {
            while (reader.Read())
            {
                pragmaColumns.Add(reader.GetString(0));
                if (reader.GetInt64(1) is 2 or 3)
                    generated.Add(reader.GetString(0));
            }
        }
        if (!pragmaColumns.SequenceEqual(definition.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase))
            throw new MigrationException($"Cannot rebuild table '{name}': its CREATE TABLE statement was read as columns ({string.Join(", ", definition.Columns.Select(c => c.Name))}) " +
                                         $"but SQLite reports ({string.Join(", ", pragmaColumns)}). Nothing was changed; please report this table definition.");

        var indexes = schema.Where(s => s.Type == "index" && Same(s.TableName, name) && s.Sql is not null).Select(s => new SchemaObject(s.Name, s.Sql!)).ToList();
        var triggers = schema.Where(s => s.Type == "trigger" && Same(s.TableName, name) && s.Sql is not null).Select(s => new SchemaObject(s.Name, s.Sql!)).ToList();
        var views = schema.Where(s => s.Type == "view" && s.Sql is not null && Mentions(s.Sql!, name)).Select(s => s.Name).ToList();

        long? sequence = null;
        if (schema.Any(s => s.Type == "table" && s.Name == "sqlite_sequence"))
        {
            var value = Command(connection, transaction, "SELECT seq FROM sqlite_sequence WHERE name = @t", name).ExecuteScalar();
            sequence = value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var children = new List<string>();
        foreach (var other in schema.Where(s => s.Type == "table" && !Same(s.Name, name)))
        {
            var refers = Command(connection, transaction, "SELECT COUNT(*) FROM pragma_foreign_key_list(@t) WHERE \"table\" = @p COLLATE NOCASE", other.Name, name).ExecuteScalar();
            if (Convert.ToInt64(refers, System.Globalization.CultureInfo.InvariantCulture) > 0)
                children.Add(other.Name);
        }

        var hasRows = Convert.ToInt64(Command(connection, transaction, $"SELECT EXISTS (SELECT 1 FROM {SqliteTableRebuilder.Quote(name)})").ExecuteScalar(),
                                      System.Globalization.CultureInfo.InvariantCulture) != 0;
        return new LiveTable(name, definition, indexes, triggers, views, sequence, children, hasRows, generated);
    }

    /// <summary>Whether a name token in <paramref name="sql"/> is <paramref name="name"/>.</summary>
    public static bool Mentions(string sql, string name) =>
        SqlLexer.Tokenize(sql).Any(t => t.IsName && Same(t.Value, name));

    public static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, string? t = null, string? p = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (t is not null)
            command.Parameters.AddWithValue("@t", t);
        if (p is not null)
            command.Parameters.AddWithValue("@p", p);
        return command;
    }
}
