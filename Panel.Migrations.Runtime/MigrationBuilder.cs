using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

/// <summary>
/// Records the operations that <see cref="Migration.Up"/> or <see cref="Migration.Down"/> describe.
/// It never touches a database: the executor renders and runs what it recorded.
/// </summary>
public sealed class MigrationBuilder
{
    private readonly List<MigrationOperation> _operations = [];

    /// <summary>A builder for migrations that will run on <paramref name="database"/>.</summary>
    public MigrationBuilder(DatabaseKind database = DatabaseKind.Sqlite) => Database = database;

    /// <summary>
    /// The database the operations will run on, for the rare migration that must differ per database
    /// (e.g. a trigger body); portable operations need not look at it.
    /// </summary>
    public DatabaseKind Database { get; }

    /// <summary>The operations recorded so far, in order.</summary>
    public IReadOnlyList<MigrationOperation> Operations => _operations;

    /// <summary>Creates a table.</summary>
    /// <param name="table">The table name.</param>
    /// <param name="define">Declares the columns and constraints, e.g. <c>t => t.Column("id", SqlType.Integer, primaryKey: true)</c>.</param>
    public void CreateTable(string table, Action<CreateTableBuilder> define)
    {
        var builder = new CreateTableBuilder();
        (define ?? throw new ArgumentNullException(nameof(define)))(builder);
        if (builder.Columns.Count == 0)
            throw new ArgumentException($"CreateTable(\"{table}\") declares no column; add at least one with t.Column(...).", nameof(define));
        var duplicate = builder.Columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"CreateTable(\"{table}\") declares column '{duplicate.Key}' twice; column names must be unique.", nameof(define));
        Add(new CreateTableOperation(Identifier.Require(table, "table name"), builder.Columns, builder.Constraints));
    }

    /// <summary>Drops a table and its rows.</summary>
    public void DropTable(string table) => Add(new DropTableOperation(Identifier.Require(table, "table name")));

    /// <summary>Renames a table.</summary>
    public void RenameTable(string table, string newName) =>
        Add(new RenameTableOperation(Identifier.Require(table, "table name"), Identifier.Require(newName, "new table name")));

    /// <summary>Adds a column. On SQLite, prefer <see cref="BatchAlterTable"/> for anything but a plain nullable or defaulted column.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The new column.</param>
    /// <param name="type">Its portable type.</param>
    /// <param name="nullable">Whether it accepts NULL.</param>
    /// <param name="serverDefault">Its default as a SQL expression, rendered verbatim.</param>
    /// <param name="ifNotExists">Skip it when the table already has a column of that name (adopting a database that added it itself).</param>
    public void AddColumn(string table, string name, SqlType type, bool nullable = true, string? serverDefault = null, bool ifNotExists = false) =>
        Add(TableOperations.AddColumn(table, name, type, nullable, serverDefault, ifNotExists: ifNotExists));

    /// <summary>Drops a column and its data.</summary>
    public void DropColumn(string table, string name) => Add(TableOperations.DropColumn(table, name));

    /// <summary>Changes a column's type, nullability, default or name; what is not passed stays as it is.</summary>
    public void AlterColumn(string table, string name, SqlType? type = null, bool? nullable = null, string? serverDefault = null, string? newName = null, bool dropServerDefault = false) =>
        Add(TableOperations.AlterColumn(table, name, type, nullable, serverDefault, newName, dropServerDefault));

    /// <summary>Creates an index; <paramref name="where"/> makes it partial.</summary>
    /// <param name="name">The index name.</param>
    /// <param name="table">The table.</param>
    /// <param name="columns">The indexed columns, in order.</param>
    /// <param name="unique">Whether the index is unique.</param>
    /// <param name="where">A condition that makes the index partial, or null.</param>
    /// <param name="concurrently">
    /// PostgreSQL: build the index without blocking writes (<c>CREATE INDEX CONCURRENTLY</c>); the migration must then
    /// not run in a transaction (<see cref="MigrationAttribute.Transaction"/> = <see cref="MigrationTransaction.None"/>).
    /// Other databases ignore it.
    /// </param>
    public void CreateIndex(string name, string table, IReadOnlyList<string> columns, bool unique = false, string? where = null, bool concurrently = false) =>
        Add(TableOperations.CreateIndex(name, table, columns, unique, where, concurrently));

    /// <summary>Drops an index.</summary>
    public void DropIndex(string name, string table) => Add(TableOperations.DropIndex(name, table));

    /// <summary>Adds a unique constraint to an existing table.</summary>
    public void CreateUniqueConstraint(string name, string table, IReadOnlyList<string> columns) =>
        Add(TableOperations.AddConstraint(table, TableOperations.Unique(Identifier.Require(name, "constraint name"), columns)));

    /// <summary>Adds a check constraint to an existing table.</summary>
    /// <param name="name">The constraint name.</param>
    /// <param name="table">The table.</param>
    /// <param name="condition">SQL, rendered verbatim.</param>
    /// <param name="validate">
    /// PostgreSQL: <see langword="false"/> adds the constraint <c>NOT VALID</c> (existing rows are not scanned under an
    /// exclusive lock); validate it in a later migration. Other databases ignore it.
    /// </param>
    public void CreateCheckConstraint(string name, string table, string condition, bool validate = true) =>
        Add(TableOperations.AddConstraint(table, TableOperations.Check(Identifier.Require(name, "constraint name"), condition), validate));

    /// <summary>Adds a foreign key to an existing table.</summary>
    /// <param name="name">The constraint name.</param>
    /// <param name="table">The table that holds the foreign key.</param>
    /// <param name="columns">The referencing columns.</param>
    /// <param name="referencedTable">The referenced table.</param>
    /// <param name="referencedColumns">The referenced columns, one per referencing column.</param>
    /// <param name="onDelete">The action on delete.</param>
    /// <param name="onUpdate">The action on update.</param>
    /// <param name="validate">
    /// PostgreSQL: <see langword="false"/> adds the key <c>NOT VALID</c> (existing rows are not scanned while both
    /// tables are locked); validate it in a later migration. Other databases ignore it.
    /// </param>
    public void CreateForeignKey(string name, string table, IReadOnlyList<string> columns, string referencedTable, IReadOnlyList<string> referencedColumns,
                                 ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction, bool validate = true) =>
        Add(TableOperations.AddConstraint(table, TableOperations.ForeignKey(Identifier.Require(name, "constraint name"), columns, referencedTable, referencedColumns, onDelete, onUpdate), validate));

    /// <summary>Drops a named constraint.</summary>
    public void DropConstraint(string name, string table, ConstraintKind kind) => Add(TableOperations.DropConstraint(name, table, kind));

    /// <summary>Runs free SQL.</summary>
    public void Execute(string sql) => Execute(sql, []);

    /// <summary>Runs free SQL whose values travel as parameters, e.g. <c>Execute("UPDATE sites SET ps = @ps", new SqlArgument("ps", note))</c>.</summary>
    public void Execute(string sql, params SqlArgument[] arguments)
    {
        foreach (var argument in arguments)
            Identifier.Require(argument.Name, "parameter name");
        Add(new ExecuteSqlOperation(Identifier.Require(sql, "SQL text"), arguments.ToArray()));
    }

    /// <summary>Inserts rows; each row has one value per column, and values travel as parameters.</summary>
    public void InsertRows(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var names = Identifier.RequireAll(columns, "column name");
        var list = new List<IReadOnlyList<object?>>();
        foreach (var row in rows)
        {
            if (row.Length != names.Count)
                throw new ArgumentException($"Row {list.Count + 1} for table '{table}' has {row.Length} value(s) but {names.Count} column(s) were named; give one value per column.", nameof(rows));
            list.Add((object?[])row.Clone());
        }
        Add(new InsertRowsOperation(Identifier.Require(table, "table name"), names, list));
    }

    /// <summary>
    /// Changes one table in a batch: in place where the database can, otherwise (SQLite) by rebuilding the
    /// table ("move and copy") inside one transaction, keeping rows, indexes, constraints and foreign keys.
    /// </summary>
    public void BatchAlterTable(string table, Action<BatchAlterTableBuilder> alter, BatchRecreate recreate = BatchRecreate.Auto)
    {
        var builder = new BatchAlterTableBuilder(Identifier.Require(table, "table name"));
        (alter ?? throw new ArgumentNullException(nameof(alter)))(builder);
        Add(new BatchAlterTableOperation(table, builder.Operations.ToArray(), recreate));
    }

    /// <summary>Records an operation as it is (the CLI replays a written migration's operations before printing them).</summary>
    internal void Add(MigrationOperation operation) => _operations.Add(operation);
}
