using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Dialects;

/// <summary>
/// PostgreSQL (11 or later). Every change is a native <c>ALTER</c>, so a batch is simply its changes in
/// order (<see cref="BatchAlterTableOperation.Recreate"/> does not apply, and a new column's placement is
/// ignored: PostgreSQL always appends).
/// </summary>
public sealed class PostgreSqlDialect : AnsiSqlDialect
{
    /// <summary>The shared instance; the dialect has no state.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    /// <inheritdoc />
    public override DatabaseKind Kind => DatabaseKind.PostgreSql;

    /// <inheritdoc />
    public override bool TransactionalDdl => true;

    /// <inheritdoc />
    /// <remarks>See <c>docs/dialects.md</c> for the mapping table.</remarks>
    public override string RenderType(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.String => "VARCHAR(" + type.Length!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.DateTime => "TIMESTAMP",
        SqlTypeKind.Decimal => "NUMERIC(" + type.Precision!.Value.ToString(CultureInfo.InvariantCulture) + ", " + type.Scale!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.Float => "DOUBLE PRECISION",
        SqlTypeKind.Blob => "BYTEA",
        SqlTypeKind.Custom => type.Declaration!,
        _ => throw new MigrationException($"PostgreSQL has no mapping for the type {type}."),
    };

    /// <summary>As the base, except booleans (<c>true</c>/<c>false</c>) and binary data (<c>'\x..'</c>, bytea's hex format).</summary>
    public override string RenderLiteral(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        byte[] bytes => "'\\x" + Convert.ToHexString(bytes).ToLowerInvariant() + "'",
        _ => base.RenderLiteral(value),
    };

    /// <inheritdoc />
    /// <remarks>
    /// Order: <c>DROP DEFAULT</c>, <c>TYPE ... USING</c>, <c>SET DEFAULT</c>, <c>SET/DROP NOT NULL</c>, <c>RENAME COLUMN</c>.
    /// An old default goes before the type changes and a new one comes after, because PostgreSQL casts the
    /// existing default to the new type; the rename is last so that every other statement names the column as it is.
    /// </remarks>
    protected override IReadOnlyList<SqlStatement> RenderAlterColumn(AlterColumnOperation operation)
    {
        var alter = $"ALTER TABLE {Quote(operation.TableName)} ALTER COLUMN {Quote(operation.Column)}";
        var statements = new List<SqlStatement>();
        if (operation.DropServerDefault)
            statements.Add(new SqlStatement(alter + " DROP DEFAULT"));
        if (operation.Type is not null)
        {
            var type = RenderType(operation.Type);
            statements.Add(new SqlStatement($"{alter} TYPE {type} USING {Quote(operation.Column)}::{type}"));
        }
        if (operation.ServerDefault is not null)
            statements.Add(new SqlStatement(alter + " SET DEFAULT " + AdjustDefault(operation.Type, operation.ServerDefault)));
        if (operation.Nullable is bool nullable)
            statements.Add(new SqlStatement(alter + (nullable ? " DROP NOT NULL" : " SET NOT NULL")));
        if (operation.NewName is not null)
            statements.Add(new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} RENAME COLUMN {Quote(operation.Column)} TO {Quote(operation.NewName)}"));
        return statements;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderAddConstraint(AddConstraintOperation operation) =>
        [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} ADD {RenderConstraint(operation.Constraint)}{NotValid(operation)}")];

    // NOT VALID skips the scan of existing rows (validated later), for foreign keys and checks only.
    private static string NotValid(AddConstraintOperation operation) =>
        !operation.Validate && operation.Constraint.Kind is ConstraintKind.ForeignKey or ConstraintKind.Check ? " NOT VALID" : "";

    /// <inheritdoc />
    protected override bool SupportsConcurrentIndexes => true;

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderDropConstraint(DropConstraintOperation operation) =>
        [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} DROP CONSTRAINT {Quote(operation.Name)}")];

    /// <inheritdoc />
    protected override IReadOnlyList<SqlStatement> RenderBatch(BatchAlterTableOperation operation) =>
        operation.Operations.SelectMany(Render).ToArray();

    /// <inheritdoc />
    protected override string RenderColumn(string table, ColumnDefinition column)
    {
        if (column.AutoIncrement && column.Type.Kind is not (SqlTypeKind.Integer or SqlTypeKind.BigInteger))
            throw new MigrationException($"PostgreSQL numbers rows itself only for integer columns, but column '{column.Name}' of table '{table}' is {column.Type}; " +
                                         "use SqlType.Integer or SqlType.BigInteger.");
        if (column.AutoIncrement && column.ServerDefault is not null)
            throw new MigrationException($"Column '{column.Name}' of table '{table}' is numbered by the database and cannot also have a default; remove serverDefault.");
        return base.RenderColumn(table, column);
    }

    /// <inheritdoc />
    /// <remarks>An auto-increment column gets its values from an identity, which takes the place of the default.</remarks>
    protected override string RenderDefaultClause(ColumnDefinition column) =>
        column.AutoIncrement ? " GENERATED BY DEFAULT AS IDENTITY"
        : column.ServerDefault is null ? ""
        : " DEFAULT " + AdjustDefault(column.Type, column.ServerDefault);

    // Migrations written for SQLite give booleans the defaults 0 and 1, which PostgreSQL refuses for BOOLEAN.
    private static string AdjustDefault(SqlType? type, string serverDefault) =>
        type?.Kind != SqlTypeKind.Boolean ? serverDefault
        : serverDefault.Trim() switch
        {
            "0" => "FALSE",
            "1" => "TRUE",
            _ => serverDefault,
        };
}
