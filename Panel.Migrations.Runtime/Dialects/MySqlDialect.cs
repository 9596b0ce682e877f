using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Dialects;

/// <summary>
/// MySQL 8.0 and MariaDB 10.5 or later. Identifiers are quoted with backticks; every change is a native
/// <c>ALTER TABLE</c>, so a batch is simply its changes in order (<see cref="BatchAlterTableOperation.Recreate"/>
/// does not apply). DDL is not transactional: each statement commits by itself.
/// </summary>
/// <remarks>
/// <para>
/// Altering a column's type or nullability is a <c>CHANGE COLUMN</c>, which restates the whole column: what the
/// operation leaves as it is (type, nullability, default, <c>AUTO_INCREMENT</c>, <c>ON UPDATE</c>, comment,
/// character set) must come from the live column. The executor reads it from <c>information_schema</c> just
/// before the statement runs and calls <see cref="RenderAlterColumn(AlterColumnOperation, MySqlExistingColumn)"/>.
/// Without a live database (offline <c>--sql</c>), <see cref="SqlDialect.Render"/> renders such a change only when
/// the operation gives the type, the nullability and the default (or drops it); otherwise it throws and says so.
/// A pure rename is <c>RENAME COLUMN</c> and a default change is <c>ALTER COLUMN ... SET/DROP DEFAULT</c>.
/// </para>
/// <para>
/// Defaults on <c>TEXT</c>/<c>BLOB</c> columns are written in parentheses (<c>DEFAULT ('x')</c>): MariaDB 10.2.1+
/// and MySQL 8.0.13+ accept that, older servers accept no default on those types at all.
/// </para>
/// </remarks>
public sealed class MySqlDialect : AnsiSqlDialect
{
    /// <summary>The shared instance; the dialect has no state.</summary>
    public static MySqlDialect Instance { get; } = new();

    /// <inheritdoc />
    public override DatabaseKind Kind => DatabaseKind.MySql;

    /// <inheritdoc />
    public override bool TransactionalDdl => false;

    /// <summary>Quotes an identifier with backticks, doubling any backtick inside it.</summary>
    /// <exception cref="ArgumentException">The identifier is empty or contains a NUL character.</exception>
    public override string Quote(string identifier)
    {
        if (string.IsNullOrEmpty(identifier))
            throw new ArgumentException("An identifier must not be empty; pass the name as it is in the database.", nameof(identifier));
        if (identifier.IndexOf('\0') >= 0)
            throw new ArgumentException($"The identifier '{identifier.Replace("\0", "\\0")}' contains a NUL character; remove it.", nameof(identifier));
        return "`" + identifier.Replace("`", "``") + "`";
    }

    /// <inheritdoc />
    /// <remarks>See <c>docs/dialects.md</c> for the mapping table.</remarks>
    public override string RenderType(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INT",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.String => "VARCHAR(" + type.Length!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.Decimal => "DECIMAL(" + type.Precision!.Value.ToString(CultureInfo.InvariantCulture) + ", " + type.Scale!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.Float => "DOUBLE",
        SqlTypeKind.Blob => "LONGBLOB",
        SqlTypeKind.Custom => type.Declaration!,
        _ => throw new MigrationException($"MySQL has no mapping for the type {type}."),
    };

    /// <summary>As the base, except that a backslash in a string is doubled too (MySQL reads it as an escape).</summary>
    public override string RenderLiteral(object? value) => value switch
    {
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "''") + "'",
        _ => base.RenderLiteral(value),
    };

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> Render(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateIndexOperation { Where: not null } index:
                throw new MigrationException(
                    $"MySQL and MariaDB have no partial indexes, so index '{index.Name}' on table '{index.TableName}' cannot have the condition WHERE {index.Where}. " +
                    "Index the whole column (drop the where: argument), or branch on op.Database for MySQL.");
            case CreateTableOperation create:
                foreach (var constraint in create.Constraints)
                    CheckConstraint(create.Name, constraint);
                break;
            case AddConstraintOperation add:
                CheckConstraint(add.TableName, add.Constraint);
                break;
        }
        return base.Render(operation);
    }

    /// <summary>
    /// Whether <paramref name="operation"/> restates the whole column and lacks something only the live column can
    /// tell: then the executor reads the column and calls <see cref="RenderAlterColumn(AlterColumnOperation, MySqlExistingColumn)"/>.
    /// </summary>
    public static bool NeedsExistingColumn(AlterColumnOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return (operation.Type is not null || operation.Nullable is not null)
               && !(operation.Type is not null && operation.Nullable is not null && (operation.ServerDefault is not null || operation.DropServerDefault));
    }

    /// <summary>
    /// Renders a column change as one <c>CHANGE COLUMN</c> that keeps, from <paramref name="existing"/>, every aspect the
    /// operation does not change (a pure default change is still <c>ALTER COLUMN ... SET/DROP DEFAULT</c>).
    /// </summary>
    /// <param name="operation">The change.</param>
    /// <param name="existing">The column as it is in the database now.</param>
    /// <exception cref="MigrationException">The change cannot be expressed, e.g. a new type for an auto-increment column that is not an integer.</exception>
    public IReadOnlyList<SqlStatement> RenderAlterColumn(AlterColumnOperation operation, MySqlExistingColumn existing)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(existing);
        if (operation.Type is null && operation.Nullable is null)
            return RenderAlterColumn(operation);
        return [new SqlStatement(RenderChangeColumn(operation, existing))];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAddColumn(AddColumnOperation operation)
    {
        // MySQL places a column after another natively; "before" has no direct form and, as on PostgreSQL, is ignored.
        var after = operation.InsertAfter is null ? "" : " AFTER " + Quote(operation.InsertAfter);
        return [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} ADD COLUMN {RenderColumn(operation.TableName, operation.Column)}{after}")
        {
            OnlyIf = operation.IfNotExists ? ColumnMissing(operation.TableName, operation.Column.Name) : null,
        }];
    }

    /// <inheritdoc />
    /// <remarks>MySQL's schema is the current database: <c>DATABASE()</c>.</remarks>
    protected override SqlStatement ColumnMissing(string table, string column) =>
        new("SELECT CASE WHEN EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @column) THEN 0 ELSE 1 END",
            [new("table", table), new("column", column)]);

    /// <inheritdoc />
    /// <remarks>See the class remarks: a type or nullability change needs the live column unless the operation gives everything.</remarks>
    protected override IReadOnlyList<SqlStatement> RenderAlterColumn(AlterColumnOperation operation)
    {
        var table = Quote(operation.TableName);
        if (operation.Type is not null || operation.Nullable is not null)
        {
            if (NeedsExistingColumn(operation))
                throw new MigrationException(
                    $"MySQL changes a column's type or nullability with CHANGE COLUMN, which restates the whole column, so altering column '{operation.Column}' of table " +
                    $"'{operation.TableName}' needs its current definition. The executor reads it from the live database; a script rendered without one " +
                    "(offline --sql) cannot: give type:, nullable: and serverDefault: (or dropServerDefault: true) together in AlterColumn.");
            var definition = new ColumnDefinition(operation.NewName ?? operation.Column, operation.Type!, operation.Nullable!.Value,
                                                  operation.DropServerDefault ? null : operation.ServerDefault);
            return [new SqlStatement($"ALTER TABLE {table} CHANGE COLUMN {Quote(operation.Column)} {RenderColumn(operation.TableName, definition)}")];
        }

        var statements = new List<SqlStatement>();
        var alter = $"ALTER TABLE {table} ALTER COLUMN {Quote(operation.Column)}";
        if (operation.DropServerDefault)
            statements.Add(new SqlStatement(alter + " DROP DEFAULT"));
        if (operation.ServerDefault is not null)
            statements.Add(new SqlStatement(alter + " SET DEFAULT " + operation.ServerDefault));
        // RENAME COLUMN: MySQL 8.0 and MariaDB 10.5.2 or later; last, so that the statements above name the column as it is.
        if (operation.NewName is not null)
            statements.Add(new SqlStatement($"ALTER TABLE {table} RENAME COLUMN {Quote(operation.Column)} TO {Quote(operation.NewName)}"));
        return statements;
    }

    /// <summary>MySQL finds an index by table and name: <c>DROP INDEX `x` ON `t`</c>.</summary>
    protected override IReadOnlyList<SqlStatement> RenderDropIndex(DropIndexOperation operation) =>
        [new SqlStatement($"DROP INDEX {Quote(operation.Name)} ON {Quote(operation.TableName)}")];

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAddConstraint(AddConstraintOperation operation) =>
        [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} ADD {RenderConstraint(operation.Constraint)}")];

    /// <inheritdoc />
    /// <remarks>
    /// Each kind has its own statement: <c>DROP FOREIGN KEY</c>, <c>DROP INDEX</c> (a unique constraint is an index),
    /// <c>DROP PRIMARY KEY</c>, and <c>DROP CONSTRAINT</c> for a check (MariaDB has no <c>DROP CHECK</c>; MySQL 8.0.19+
    /// accepts both). Dropping a foreign key keeps the index MySQL created for it, as MySQL itself does.
    /// </remarks>
    protected override IReadOnlyList<SqlStatement> RenderDropConstraint(DropConstraintOperation operation)
    {
        var table = $"ALTER TABLE {Quote(operation.TableName)}";
        return [new SqlStatement(operation.Kind switch
        {
            ConstraintKind.ForeignKey => $"{table} DROP FOREIGN KEY {Quote(operation.Name)}",
            ConstraintKind.Unique => $"{table} DROP INDEX {Quote(operation.Name)}",
            ConstraintKind.PrimaryKey => $"{table} DROP PRIMARY KEY",
            ConstraintKind.Check => $"{table} DROP CONSTRAINT {Quote(operation.Name)}",
            _ => throw new MigrationException($"MySQL cannot drop constraint '{operation.Name}' of kind {operation.Kind}."),
        })];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderBatch(BatchAlterTableOperation operation) =>
        operation.Operations.SelectMany(Render).ToArray();

    /// <inheritdoc />
    protected override string RenderColumn(string table, ColumnDefinition column)
    {
        if (!column.AutoIncrement)
            return base.RenderColumn(table, column);
        if (column.Type.Kind is not (SqlTypeKind.Integer or SqlTypeKind.BigInteger))
            throw new MigrationException($"MySQL numbers rows itself only for integer columns, but column '{column.Name}' of table '{table}' is {column.Type}; " +
                                         "use SqlType.Integer or SqlType.BigInteger.");
        if (column.ServerDefault is not null)
            throw new MigrationException($"Column '{column.Name}' of table '{table}' is numbered by the database and cannot also have a default; remove serverDefault.");
        // An AUTO_INCREMENT column must be a key; when it is not the primary key alone, the table's key must include it.
        return $"{Quote(column.Name)} {RenderType(column.Type)} NOT NULL AUTO_INCREMENT" + (column.PrimaryKey ? " PRIMARY KEY" : "");
    }

    /// <inheritdoc />
    protected override string RenderDefaultClause(ColumnDefinition column) =>
        column.ServerDefault is null ? "" : " DEFAULT " + AdjustDefault(RenderType(column.Type), column.ServerDefault);

    private string RenderChangeColumn(AlterColumnOperation operation, MySqlExistingColumn existing)
    {
        var keepType = operation.Type is null;
        var type = keepType ? existing.ColumnType : RenderType(operation.Type!);
        var nullable = operation.Nullable ?? existing.Nullable;
        var defaultSql = operation.DropServerDefault ? null : operation.ServerDefault ?? existing.DefaultSql;
        if (existing.AutoIncrement && !keepType && operation.Type!.Kind is not (SqlTypeKind.Integer or SqlTypeKind.BigInteger))
            throw new MigrationException($"Column '{operation.Column}' of table '{operation.TableName}' is AUTO_INCREMENT and cannot become {operation.Type}; " +
                                         "drop the AUTO_INCREMENT first (a Custom type restates the column as you write it).");
        var text = new StringBuilder();
        text.Append("ALTER TABLE ").Append(Quote(operation.TableName)).Append(" CHANGE COLUMN ").Append(Quote(operation.Column)).Append(' ')
            .Append(Quote(operation.NewName ?? operation.Column)).Append(' ').Append(type);
        // A kept text column keeps its character set and collation; a new type takes the table's, as a new column would.
        if (keepType && existing.CharacterSet is not null)
            text.Append(" CHARACTER SET ").Append(existing.CharacterSet);
        if (keepType && existing.Collation is not null)
            text.Append(" COLLATE ").Append(existing.Collation);
        text.Append(nullable ? " NULL" : " NOT NULL");
        if (defaultSql is not null && !existing.AutoIncrement)
            text.Append(" DEFAULT ").Append(AdjustDefault(type, defaultSql));
        if (existing.OnUpdate is not null)
            text.Append(" ON UPDATE ").Append(existing.OnUpdate);
        if (existing.AutoIncrement)
            text.Append(" AUTO_INCREMENT");
        if (!string.IsNullOrEmpty(existing.Comment))
            text.Append(" COMMENT ").Append(RenderLiteral(existing.Comment));
        return text.ToString();
    }

    // MySQL 8.0.13+ takes a default on TEXT/BLOB/JSON/GEOMETRY only as an expression in parentheses; MariaDB takes both forms.
    private static string AdjustDefault(string declaredType, string serverDefault)
    {
        var trimmed = serverDefault.Trim();
        if (!IsLargeObjectType(declaredType) || trimmed.Equals("NULL", StringComparison.OrdinalIgnoreCase)
            || (trimmed.StartsWith('(') && trimmed.EndsWith(')')))
            return serverDefault;
        return "(" + trimmed + ")";
    }

    private static bool IsLargeObjectType(string declaredType)
    {
        var type = declaredType.Trim().ToUpperInvariant();
        var cut = type.IndexOfAny([' ', '(']);
        var name = cut < 0 ? type : type.Substring(0, cut);
        return name is "TEXT" or "TINYTEXT" or "MEDIUMTEXT" or "LONGTEXT" or "BLOB" or "TINYBLOB" or "MEDIUMBLOB" or "LONGBLOB"
                    or "JSON" or "GEOMETRY";
    }

    private static void CheckConstraint(string table, TableConstraint constraint)
    {
        if (constraint is ForeignKeyConstraint fk && (fk.OnDelete == ReferentialAction.SetDefault || fk.OnUpdate == ReferentialAction.SetDefault))
            throw new MigrationException(
                $"Foreign key '{fk.Name ?? "(unnamed)"}' of table '{table}' uses SET DEFAULT, which InnoDB rejects; use SET NULL, CASCADE, RESTRICT or NO ACTION.");
    }
}
