using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Tests.Sample;

/// <summary>
/// A paper schema: the tables (with their columns in order), indexes and triggers/functions that recorded
/// operations leave behind. It applies operations strictly (creating what exists or dropping what does not
/// throws), which is how the tests check that every Up fits the schema before it and every Down undoes its Up.
/// Raw SQL counts only through the CREATE/DROP TRIGGER and FUNCTION statements it contains.
/// </summary>
internal sealed class SchemaModel
{
    private readonly OrderedDictionary<string, List<ColumnDefinition>> _tables = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _indexes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _routines = new(StringComparer.Ordinal);

    public IReadOnlyList<string> TableNames => _tables.Keys.ToArray();

    public IReadOnlyList<ColumnDefinition> Columns(string table) =>
        _tables.TryGetValue(table, out var columns) ? columns : throw new InvalidOperationException($"No table {table}.");

    public IReadOnlyDictionary<string, string> Indexes => _indexes;

    public IReadOnlySet<string> Routines => _routines;

    /// <summary>A text that two equal schemas share, for comparisons with a readable difference.</summary>
    public string Snapshot() =>
        string.Join("\n", _tables.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"table {t.Key}({string.Join(", ", t.Value.Select(c => $"{c.Name} {c.Type} null={c.Nullable} default={c.ServerDefault} pk={c.PrimaryKey}"))})")
            .Concat(_indexes.Select(i => $"index {i.Key} on {i.Value}"))
            .Concat(_routines.Select(r => $"routine {r}")));

    public void Apply(IEnumerable<MigrationOperation> operations)
    {
        foreach (var operation in operations)
            Apply(operation);
    }

    private void Apply(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                if (!_tables.TryAdd(create.Name, create.Columns.ToList()))
                    throw new InvalidOperationException($"CREATE TABLE {create.Name}: the table exists.");
                break;
            case DropTableOperation drop:
                if (!_tables.Remove(drop.Name))
                    throw new InvalidOperationException($"DROP TABLE {drop.Name}: no such table.");
                foreach (var index in _indexes.Where(i => i.Value == drop.Name).Select(i => i.Key).ToArray())
                    _indexes.Remove(index);
                break;
            case BatchAlterTableOperation batch:
                foreach (var inner in batch.Operations)
                {
                    if (inner.Table != batch.TableName)
                        throw new InvalidOperationException($"A batch on {batch.TableName} holds an operation on {inner.Table}.");
                    Apply(inner);
                }
                break;
            case AddColumnOperation add:
                var columns = Columns(add.TableName);
                if (columns.Any(c => string.Equals(c.Name, add.Column.Name, StringComparison.OrdinalIgnoreCase)))
                    throw new InvalidOperationException($"ADD COLUMN {add.TableName}.{add.Column.Name}: the column exists.");
                _tables[add.TableName].Add(add.Column);
                break;
            case DropColumnOperation dropColumn:
                if (_tables[dropColumn.TableName].RemoveAll(c => c.Name == dropColumn.Column) != 1)
                    throw new InvalidOperationException($"DROP COLUMN {dropColumn.TableName}.{dropColumn.Column}: no such column.");
                break;
            case CreateIndexOperation index:
                foreach (var column in index.Columns)
                    if (!Columns(index.TableName).Any(c => c.Name == column))
                        throw new InvalidOperationException($"CREATE INDEX {index.Name}: {index.TableName} has no column {column}.");
                if (!_indexes.TryAdd(index.Name, index.TableName) || _tables.ContainsKey(index.Name))
                    throw new InvalidOperationException($"CREATE INDEX {index.Name}: the name is taken.");
                break;
            case DropIndexOperation dropIndex:
                if (!_indexes.Remove(dropIndex.Name))
                    throw new InvalidOperationException($"DROP INDEX {dropIndex.Name}: no such index.");
                break;
            case InsertRowsOperation insert:
                foreach (var column in insert.Columns)
                    if (!Columns(insert.TableName).Any(c => c.Name == column))
                        throw new InvalidOperationException($"INSERT INTO {insert.TableName}: no column {column}.");
                break;
            case ExecuteSqlOperation execute:
                ApplyRaw(execute.Sql);
                break;
            default:
                throw new NotSupportedException($"The sample's schema model does not know {operation.GetType().Name}; extend it.");
        }
    }

    private void ApplyRaw(string sql)
    {
        foreach (Match m in Regex.Matches(sql, @"\bCREATE\s+(TRIGGER|FUNCTION)\s+(\w+)", RegexOptions.IgnoreCase))
            if (!_routines.Add(m.Groups[1].Value.ToUpperInvariant() + " " + m.Groups[2].Value))
                throw new InvalidOperationException($"CREATE {m.Groups[1].Value} {m.Groups[2].Value}: it exists.");
        foreach (Match m in Regex.Matches(sql, @"\bDROP\s+(TRIGGER|FUNCTION)\s+(?:IF\s+EXISTS\s+)?(\w+)", RegexOptions.IgnoreCase))
            if (!_routines.Remove(m.Groups[1].Value.ToUpperInvariant() + " " + m.Groups[2].Value))
                throw new InvalidOperationException($"DROP {m.Groups[1].Value} {m.Groups[2].Value}: no such {m.Groups[1].Value.ToLowerInvariant()}.");
    }
}
