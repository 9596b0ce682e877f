using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Panel.Migrations.Operations;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Dialects;

/// <summary>
/// SQLite (3.35 or later). SQLite alters a table in place only for renames, <c>ADD COLUMN</c> of a column
/// with a constant default or none, and <c>DROP COLUMN</c>; every other change is a table rebuild, which
/// the batch runner performs. Outside a batch such a change is an error that names the fix.
/// </summary>
public sealed class SqliteDialect : AnsiSqlDialect
{
    /// <summary>The shared instance; the dialect has no state.</summary>
    public static SqliteDialect Instance { get; } = new();

    /// <inheritdoc />
    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    /// <inheritdoc />
    public override bool TransactionalDdl => true;

    /// <inheritdoc />
    public override string KeyOnlyTableSuffix => " WITHOUT ROWID";

    /// <inheritdoc />
    /// <remarks>See <c>docs/dialects.md</c> for the mapping table.</remarks>
    public override string RenderType(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.String => "VARCHAR(" + type.Length!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.Decimal => "NUMERIC(" + type.Precision!.Value.ToString(CultureInfo.InvariantCulture) + ", " + type.Scale!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Blob => "BLOB",
        SqlTypeKind.Custom => type.Declaration!,
        _ => throw new MigrationException($"SQLite has no mapping for the type {type}."),
    };

    /// <summary>
    /// Whether <see cref="SqlDialect.Render"/> performs <paramref name="batch"/> with in-place <c>ALTER</c>s.
    /// When false, the table must be rebuilt ("move and copy") by the batch runner, which reads the live table.
    /// </summary>
    /// <remarks>
    /// <see cref="BatchRecreate.Always"/>: false. <see cref="BatchRecreate.Auto"/>: true when every change is an
    /// <c>ADD COLUMN</c> that SQLite accepts on a table with rows (nullable or with a constant default, not a key,
    /// no placement), a column rename, or an index created or dropped. <see cref="BatchRecreate.Never"/>: true
    /// when every change can be done in place, <c>DROP COLUMN</c> included; otherwise a <see cref="MigrationException"/>.
    /// A batch of nullability and CHECK constraint changes alone is false here as well: whether SQLite can make them in place
    /// (3.53 and later) depends on the live database, so the batch runner decides, and rebuilds only where it cannot.
    /// </remarks>
    /// <exception cref="MigrationException">Recreate is <see cref="BatchRecreate.Never"/> and a change needs a rebuild.</exception>
    public bool CanAlterInPlace(BatchAlterTableOperation batch)
    {
        System.ArgumentNullException.ThrowIfNull(batch);
        switch (batch.Recreate)
        {
            case BatchRecreate.Always:
                return false;
            case BatchRecreate.Never:
                foreach (var operation in batch.Operations)
                {
                    var problem = InPlaceProblem(operation, allowDropColumn: true);
                    if (problem is not null)
                        throw new MigrationException(
                            $"The batch on table '{batch.TableName}' says recreate: BatchRecreate.Never, but {problem}. " +
                            "Use BatchRecreate.Auto, which makes the change in place where SQLite can and rebuilds the table otherwise, " +
                            "or leave this change out of the batch.");
                }
                return true;
            default:
                // Like Alembic, DROP COLUMN rebuilds in a batch: SQLite's native one refuses indexed, unique and key columns.
                return batch.Operations.All(o => InPlaceProblem(o, allowDropColumn: false) is null);
        }
    }

    /// <summary>The first SQLite that alters declared constraints in place (SET/DROP NOT NULL, ADD/DROP CONSTRAINT ... CHECK).</summary>
    internal static readonly System.Version ConstraintsInPlaceSince = new(3, 53, 0);

    /// <summary>
    /// How a batch is carried out on a database whose SQLite is <paramref name="live"/> (null where unknown, as offline): the one
    /// "rebuild, alter in place or refuse" decision that the runner, the table rebuilder and the plan share. Refusals
    /// (<see cref="BatchRecreate.Never"/> with a change that needs a rebuild) throw, as <see cref="CanAlterInPlace"/> does.
    /// </summary>
    internal SqliteBatchAction Decide(BatchAlterTableOperation batch, System.Version? live) =>
        CanAlterInPlace(batch) ? SqliteBatchAction.Render
        : batch.Recreate == BatchRecreate.Auto && batch.Operations.Count > 0 && batch.Operations.All(IsConstraintChange) && live is not null && live >= ConstraintsInPlaceSince
            ? SqliteBatchAction.AlterConstraints
            : SqliteBatchAction.Rebuild;

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderBatch(BatchAlterTableOperation operation)
    {
        if (!CanAlterInPlace(operation))
            throw new MigrationException(
                $"The batch on table '{operation.TableName}' needs a table rebuild (\"move and copy\"), which the batch runner " +
                "executes against the live table; it cannot be rendered as SQL. Check SqliteDialect.CanAlterInPlace first and hand " +
                "the batch to the runner when it returns false.");
        return operation.Operations.SelectMany(Render).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAddColumn(AddColumnOperation operation)
    {
        var problem = AddColumnProblem(operation);
        if (problem is not null)
            throw new MigrationException($"SQLite cannot add column '{operation.Column.Name}' to table '{operation.TableName}' in place: {problem}; " +
                                         $"describe the change inside op.BatchAlterTable(\"{operation.TableName}\", t => ...)");
        return base.RenderAddColumn(operation);
    }

    /// <inheritdoc />
    protected override SqlStatement ColumnMissing(string table, string column) =>
        new("SELECT CASE WHEN EXISTS (SELECT 1 FROM pragma_table_info(@table) WHERE name = @column) THEN 0 ELSE 1 END",
            [new("table", table), new("column", column)]);

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAlterColumn(AlterColumnOperation operation)
    {
        if (!IsPureRename(operation))
            throw new MigrationException($"SQLite cannot alter column '{operation.Column}' of table '{operation.TableName}' in place; " +
                                         $"describe the change inside op.BatchAlterTable(\"{operation.TableName}\", t => ...)");
        return [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} RENAME COLUMN {Quote(operation.Column)} TO {Quote(operation.NewName!)}")];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAddConstraint(AddConstraintOperation operation) =>
        throw new MigrationException($"SQLite cannot add constraint '{operation.Constraint.Name ?? "(unnamed)"}' to table '{operation.TableName}' in place; " +
                                     $"describe the change inside op.BatchAlterTable(\"{operation.TableName}\", t => ...)");

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderDropConstraint(DropConstraintOperation operation) =>
        throw new MigrationException($"SQLite cannot drop constraint '{operation.Name}' of table '{operation.TableName}' in place; " +
                                     $"describe the change inside op.BatchAlterTable(\"{operation.TableName}\", t => ...)");

    /// <inheritdoc />
    protected override string RenderColumn(string table, ColumnDefinition column)
    {
        if (column.AutoIncrement)
        {
            // AUTOINCREMENT is only valid on the rowid alias, and only a column declared exactly INTEGER PRIMARY KEY is one.
            if (column.Type.Kind is not (SqlTypeKind.Integer or SqlTypeKind.BigInteger) || !column.PrimaryKey)
                throw new MigrationException($"SQLite numbers rows itself only for an integer primary key, but column '{column.Name}' of table '{table}' " +
                                             $"is {column.Type}{(column.PrimaryKey ? "" : " and not the primary key")}; declare it as " +
                                             "t.Column(name, SqlType.Integer, primaryKey: true, autoIncrement: true).");
            if (column.ServerDefault is not null)
                throw new MigrationException($"Column '{column.Name}' of table '{table}' is numbered by the database and cannot also have a default; remove serverDefault.");
            return $"{Quote(column.Name)} INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT";
        }
        return base.RenderColumn(table, column);
    }

    /// <summary>A column as <c>CREATE TABLE</c> declares it; the batch rebuild uses it for added columns.</summary>
    internal string ColumnSql(string table, ColumnDefinition column) => RenderColumn(table, column);

    /// <summary>A table constraint as <c>CREATE TABLE</c> declares it; the batch rebuild uses it for added constraints.</summary>
    internal string ConstraintSql(TableConstraint constraint) => RenderConstraint(constraint);

    /// <inheritdoc />
    protected override string RenderDefaultClause(ColumnDefinition column) =>
        column.ServerDefault is null ? "" : " DEFAULT " + SqliteDefault.Render(column.ServerDefault);

    // Why the operation cannot be done with an in-place ALTER, or null when it can.
    private static string? InPlaceProblem(MigrationOperation operation, bool allowDropColumn) => operation switch
    {
        AddColumnOperation add => AddColumnProblem(add) is { } p ? $"adding column '{add.Column.Name}' needs a rebuild ({p})" : null,
        AlterColumnOperation alter => IsPureRename(alter) ? null
            : IsConstraintChange(alter)
                ? $"making column '{alter.Column}' {(alter.Nullable == true ? "nullable" : "NOT NULL")} needs a rebuild unless the database's SQLite is 3.53 or later, which only BatchRecreate.Auto checks"
                : $"altering column '{alter.Column}' needs a rebuild (SQLite can only rename a column in place, and from 3.53 change its nullability)",
        DropColumnOperation drop => allowDropColumn ? null : $"dropping column '{drop.Column}' is done by a rebuild in a batch",
        CreateIndexOperation or DropIndexOperation => null,
        AddConstraintOperation add => $"adding constraint '{add.Constraint.Name ?? "(unnamed)"}' needs a rebuild (SQLite adds only CHECK constraints in place, from 3.53, which only BatchRecreate.Auto checks)",
        DropConstraintOperation drop => $"dropping constraint '{drop.Name}' needs a rebuild (SQLite drops only CHECK constraints in place, from 3.53, which only BatchRecreate.Auto checks)",
        _ => $"{operation.GetType().Name} cannot be part of a batch",
    };

    // SQLite's ADD COLUMN restrictions that hold on a table with rows (sqlite.org lang_altertable §4).
    private static string? AddColumnProblem(AddColumnOperation operation)
    {
        var column = operation.Column;
        if (operation.InsertBefore is not null || operation.InsertAfter is not null)
            return "ADD COLUMN always appends, so placing the column before or after another needs a rebuild";
        if (column.PrimaryKey || column.AutoIncrement)
            return "a new column cannot be the primary key";
        return SqliteDefault.AddColumnProblem(column.ServerDefault, column.Nullable);
    }

    /// <summary>
    /// A change SQLite 3.53 and later make in place (<c>ALTER COLUMN ... SET / DROP NOT NULL</c>, <c>ADD CONSTRAINT ... CHECK</c>,
    /// <c>DROP CONSTRAINT</c>): whether the database can depends on its SQLite, so the batch runner decides (<c>ConstraintAlter</c>).
    /// </summary>
    internal static bool IsConstraintChange(MigrationOperation operation) =>
        operation is AlterColumnOperation { Nullable: not null, Type: null, ServerDefault: null, DropServerDefault: false, NewName: null }
                  or AddConstraintOperation { Constraint: CheckConstraint }
                  or DropConstraintOperation { Kind: ConstraintKind.Check };

    private static bool IsPureRename(AlterColumnOperation operation) =>
        operation is { NewName: not null, Type: null, Nullable: null, ServerDefault: null, DropServerDefault: false };
}
