using System.Collections.Generic;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

/// <summary>
/// Describes the changes of one <see cref="MigrationBuilder.BatchAlterTable"/>: they are applied together,
/// in place where the database can, otherwise by rebuilding the table (SQLite).
/// </summary>
public sealed class BatchAlterTableBuilder
{
    private readonly List<MigrationOperation> _operations = [];

    internal BatchAlterTableBuilder(string table) => TableName = table;

    /// <summary>The table this batch changes.</summary>
    public string TableName { get; }

    internal IReadOnlyList<MigrationOperation> Operations => _operations;

    /// <summary>Adds a column; <paramref name="insertBefore"/>/<paramref name="insertAfter"/> place it when the table is rebuilt.</summary>
    public BatchAlterTableBuilder AddColumn(string name, SqlType type, bool nullable = true, string? serverDefault = null, string? insertBefore = null, string? insertAfter = null) =>
        Add(TableOperations.AddColumn(TableName, name, type, nullable, serverDefault, insertBefore, insertAfter));

    /// <summary>Drops a column and its data.</summary>
    public BatchAlterTableBuilder DropColumn(string name) => Add(TableOperations.DropColumn(TableName, name));

    /// <summary>Changes a column's type, nullability, default or name; what is not passed stays as it is.</summary>
    public BatchAlterTableBuilder AlterColumn(string name, SqlType? type = null, bool? nullable = null, string? serverDefault = null, string? newName = null, bool dropServerDefault = false) =>
        Add(TableOperations.AlterColumn(TableName, name, type, nullable, serverDefault, newName, dropServerDefault));

    /// <summary>Adds a unique constraint.</summary>
    public BatchAlterTableBuilder CreateUniqueConstraint(string name, IReadOnlyList<string> columns) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.Unique(Identifier.Require(name, "constraint name"), columns)));

    /// <summary>Adds a check constraint; <paramref name="condition"/> is SQL, rendered verbatim.</summary>
    public BatchAlterTableBuilder CreateCheckConstraint(string name, string condition) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.Check(Identifier.Require(name, "constraint name"), condition)));

    /// <summary>Adds a foreign key.</summary>
    public BatchAlterTableBuilder CreateForeignKey(string name, IReadOnlyList<string> columns, string referencedTable, IReadOnlyList<string> referencedColumns,
                                                   ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.ForeignKey(Identifier.Require(name, "constraint name"), columns, referencedTable, referencedColumns, onDelete, onUpdate)));

    /// <summary>Drops a named constraint.</summary>
    public BatchAlterTableBuilder DropConstraint(string name, ConstraintKind kind) => Add(TableOperations.DropConstraint(name, TableName, kind));

    /// <summary>Creates an index on this table.</summary>
    public BatchAlterTableBuilder CreateIndex(string name, IReadOnlyList<string> columns, bool unique = false, string? where = null) =>
        Add(TableOperations.CreateIndex(name, TableName, columns, unique, where));

    /// <summary>Drops an index of this table.</summary>
    public BatchAlterTableBuilder DropIndex(string name) => Add(TableOperations.DropIndex(name, TableName));

    private BatchAlterTableBuilder Add(MigrationOperation operation)
    {
        _operations.Add(operation);
        return this;
    }
}
