using System.Collections.Generic;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

/// <summary>
/// Builds the table-level operations with their names checked; shared by <see cref="MigrationBuilder"/>
/// and <see cref="BatchAlterTableBuilder"/> so both describe the same operation the same way.
/// </summary>
internal static class TableOperations
{
    public static AddColumnOperation AddColumn(string table, string name, SqlType type, bool nullable, string? serverDefault, string? insertBefore = null, string? insertAfter = null, bool ifNotExists = false) =>
        new(Identifier.Require(table, "table name"), Column(name, type, nullable, serverDefault), insertBefore, insertAfter, ifNotExists);

    public static ColumnDefinition Column(string name, SqlType type, bool nullable, string? serverDefault, bool primaryKey = false, bool autoIncrement = false) =>
        new(Identifier.Require(name, "column name"), type ?? throw new System.ArgumentNullException(nameof(type), $"Column '{name}' needs a type, e.g. SqlType.Text."),
            nullable && !primaryKey, serverDefault, primaryKey, autoIncrement);

    public static DropColumnOperation DropColumn(string table, string name) =>
        new(Identifier.Require(table, "table name"), Identifier.Require(name, "column name"));

    public static AlterColumnOperation AlterColumn(string table, string name, SqlType? type, bool? nullable, string? serverDefault, string? newName, bool dropServerDefault)
    {
        if (dropServerDefault && serverDefault is not null)
            throw new System.ArgumentException($"Column '{name}': pass either serverDefault or dropServerDefault, not both.", nameof(dropServerDefault));
        if (type is null && nullable is null && serverDefault is null && newName is null && !dropServerDefault)
            throw new System.ArgumentException($"AlterColumn('{name}') changes nothing; pass a type, nullable, serverDefault, dropServerDefault or newName.", nameof(name));
        return new(Identifier.Require(table, "table name"), Identifier.Require(name, "column name"), type, nullable, serverDefault, dropServerDefault,
                   newName is null ? null : Identifier.Require(newName, "new column name"));
    }

    public static CreateIndexOperation CreateIndex(string name, string table, IReadOnlyList<string> columns, bool unique, string? where, bool concurrently = false) =>
        new(Identifier.Require(name, "index name"), Identifier.Require(table, "table name"), Identifier.RequireAll(columns, "index column"), unique, where, concurrently);

    public static DropIndexOperation DropIndex(string name, string table) =>
        new(Identifier.Require(name, "index name"), Identifier.Require(table, "table name"));

    public static AddConstraintOperation AddConstraint(string table, TableConstraint constraint, bool validate = true) =>
        new(Identifier.Require(table, "table name"), constraint, validate);

    public static UniqueConstraint Unique(string? name, IReadOnlyList<string> columns) =>
        new(name, Identifier.RequireAll(columns, "unique column"));

    public static CheckConstraint Check(string? name, string condition) =>
        new(name, Identifier.Require(condition, "check condition"));

    public static PrimaryKeyConstraint PrimaryKey(string? name, IReadOnlyList<string> columns) =>
        new(name, Identifier.RequireAll(columns, "primary key column"));

    public static ForeignKeyConstraint ForeignKey(string? name, IReadOnlyList<string> columns, string referencedTable, IReadOnlyList<string> referencedColumns, ReferentialAction onDelete, ReferentialAction onUpdate)
    {
        var local = Identifier.RequireAll(columns, "foreign key column");
        var remote = Identifier.RequireAll(referencedColumns, "referenced column");
        if (local.Count != remote.Count)
            throw new System.ArgumentException($"Foreign key {name ?? "(unnamed)"} pairs {local.Count} column(s) with {remote.Count} referenced column(s); give one referenced column per column.", nameof(referencedColumns));
        return new(name, local, Identifier.Require(referencedTable, "referenced table name"), remote, onDelete, onUpdate);
    }

    public static DropConstraintOperation DropConstraint(string name, string table, ConstraintKind kind) =>
        new(Identifier.Require(table, "table name"), Identifier.Require(name, "constraint name"), kind);
}
