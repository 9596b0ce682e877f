using System.Collections.Generic;

namespace Panel.Migrations;

/// <summary>Describes the columns and constraints of a new table, in <see cref="MigrationBuilder.CreateTable"/>.</summary>
public sealed class CreateTableBuilder
{
    private readonly List<ColumnDefinition> _columns = [];
    private readonly List<TableConstraint> _constraints = [];

    internal IReadOnlyList<ColumnDefinition> Columns => _columns;

    internal IReadOnlyList<TableConstraint> Constraints => _constraints;

    /// <summary>Adds a column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="type">The portable type.</param>
    /// <param name="nullable">Whether it accepts NULL (a primary key never does).</param>
    /// <param name="serverDefault">The default as a SQL expression, rendered verbatim (<c>"0"</c>, <c>"'text'"</c>).</param>
    /// <param name="primaryKey">Whether this column alone is the primary key.</param>
    /// <param name="autoIncrement">Whether the database numbers new rows itself.</param>
    public CreateTableBuilder Column(string name, SqlType type, bool nullable = true, string? serverDefault = null, bool primaryKey = false, bool autoIncrement = false)
    {
        _columns.Add(TableOperations.Column(name, type, nullable, serverDefault, primaryKey, autoIncrement));
        return this;
    }

    /// <summary>Declares a primary key over several columns.</summary>
    public CreateTableBuilder PrimaryKey(string? name, IReadOnlyList<string> columns) => Add(TableOperations.PrimaryKey(name, columns));

    /// <summary>Declares a unique constraint.</summary>
    public CreateTableBuilder Unique(string? name, IReadOnlyList<string> columns) => Add(TableOperations.Unique(name, columns));

    /// <summary>Declares a check constraint; <paramref name="condition"/> is SQL, rendered verbatim.</summary>
    public CreateTableBuilder Check(string? name, string condition) => Add(TableOperations.Check(name, condition));

    /// <summary>Declares a foreign key.</summary>
    public CreateTableBuilder ForeignKey(string? name, IReadOnlyList<string> columns, string referencedTable, IReadOnlyList<string> referencedColumns,
                                        ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction) =>
        Add(TableOperations.ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, onUpdate));

    private CreateTableBuilder Add(TableConstraint constraint)
    {
        _constraints.Add(constraint);
        return this;
    }
}
