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

    /// <summary>
    /// Adds a column; <paramref name="insertBefore"/>/<paramref name="insertAfter"/> place it when the table is rebuilt, and
    /// <paramref name="ifNotExists"/> skips it when the table already has a column of that name (adopting a database that added it itself).
    /// </summary>
    public BatchAlterTableBuilder AddColumn(string name, SqlType type, bool nullable = true, string? serverDefault = null, string? insertBefore = null, string? insertAfter = null, bool ifNotExists = false) =>
        Add(TableOperations.AddColumn(TableName, name, type, nullable, serverDefault, insertBefore, insertAfter, ifNotExists));

    /// <summary>Drops a column and its data.</summary>
    public BatchAlterTableBuilder DropColumn(string name) => Add(TableOperations.DropColumn(TableName, name));

    /// <summary>Changes a column's type, nullability, default or name; what is not passed stays as it is.</summary>
    public BatchAlterTableBuilder AlterColumn(string name, SqlType? type = null, bool? nullable = null, string? serverDefault = null, string? newName = null, bool dropServerDefault = false) =>
        Add(TableOperations.AlterColumn(TableName, name, type, nullable, serverDefault, newName, dropServerDefault));

    /// <summary>Adds a unique constraint.</summary>
    public BatchAlterTableBuilder CreateUniqueConstraint(string name, IReadOnlyList<string> columns) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.Unique(Identifier.Require(name, "constraint name"), columns)));

    /// <summary>Adds a check constraint; <paramref name="condition"/> is SQL, rendered verbatim.</summary>
    /// <param name="name">The constraint name.</param>
    /// <param name="condition">SQL, rendered verbatim.</param>
    /// <param name="validate">PostgreSQL: <see langword="false"/> adds it <c>NOT VALID</c>; other databases ignore it.</param>
    public BatchAlterTableBuilder CreateCheckConstraint(string name, string condition, bool validate = true) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.Check(Identifier.Require(name, "constraint name"), condition), validate));

    /// <summary>Adds a foreign key.</summary>
    /// <param name="name">The constraint name.</param>
    /// <param name="columns">The referencing columns.</param>
    /// <param name="referencedTable">The referenced table.</param>
    /// <param name="referencedColumns">The referenced columns, one per referencing column.</param>
    /// <param name="onDelete">The action on delete.</param>
    /// <param name="onUpdate">The action on update.</param>
    /// <param name="validate">PostgreSQL: <see langword="false"/> adds it <c>NOT VALID</c>; other databases ignore it.</param>
    public BatchAlterTableBuilder CreateForeignKey(string name, IReadOnlyList<string> columns, string referencedTable, IReadOnlyList<string> referencedColumns,
                                                   ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction, bool validate = true) =>
        Add(TableOperations.AddConstraint(TableName, TableOperations.ForeignKey(Identifier.Require(name, "constraint name"), columns, referencedTable, referencedColumns, onDelete, onUpdate), validate));

    /// <summary>Drops a named constraint.</summary>
    public BatchAlterTableBuilder DropConstraint(string name, ConstraintKind kind) => Add(TableOperations.DropConstraint(name, TableName, kind));

    /// <summary>Creates an index on this table.</summary>
    /// <param name="name">The index name.</param>
    /// <param name="columns">The indexed columns, in order.</param>
    /// <param name="unique">Whether the index is unique.</param>
    /// <param name="where">A condition that makes the index partial, or null.</param>
    /// <param name="concurrently">PostgreSQL: <c>CREATE INDEX CONCURRENTLY</c>; other databases ignore it.</param>
    public BatchAlterTableBuilder CreateIndex(string name, IReadOnlyList<string> columns, bool unique = false, string? where = null, bool concurrently = false) =>
        Add(TableOperations.CreateIndex(name, TableName, columns, unique, where, concurrently));

    /// <summary>Drops an index of this table.</summary>
    public BatchAlterTableBuilder DropIndex(string name) => Add(TableOperations.DropIndex(name, TableName));

    private BatchAlterTableBuilder Add(MigrationOperation operation)
    {
        _operations.Add(operation);
        return this;
    }
}
