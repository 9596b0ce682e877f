using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Dialects;

/// <summary>
/// The rendering that SQLite and PostgreSQL share: standard double-quoted identifiers and the same
/// <c>CREATE TABLE</c>, <c>ALTER TABLE ... ADD/DROP COLUMN</c>, <c>RENAME TO</c>, index, insert and
/// free-SQL statements. A dialect overrides only what its database does differently (MySQL overrides the
/// quoting with backticks and most of the <c>ALTER</c> forms).
/// </summary>
public abstract class AnsiSqlDialect : SqlDialect
{
    /// <summary>
    /// Quotes an identifier with double quotes, doubling any double quote inside it. Every name is quoted,
    /// plain or not, so that no name from a migration can change the meaning of a statement.
    /// </summary>
    /// <exception cref="ArgumentException">The identifier is empty or contains a NUL character.</exception>
    public override string Quote(string identifier)
    {
        if (string.IsNullOrEmpty(identifier))
            throw new ArgumentException("An identifier must not be empty; pass the name as it is in the database.", nameof(identifier));
        if (identifier.IndexOf('\0') >= 0)
            throw new ArgumentException($"The identifier '{identifier.Replace("\0", "\\0")}' contains a NUL character; remove it.", nameof(identifier));
        return "\"" + identifier.Replace("\"", "\"\"") + "\"";
    }

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> Render(MigrationOperation operation) => operation switch
    {
        null => throw new ArgumentNullException(nameof(operation)),
        CreateTableOperation op => [new SqlStatement(RenderCreateTable(op))],
        DropTableOperation op => [new SqlStatement($"DROP TABLE {Quote(op.Name)}")],
        RenameTableOperation op => [new SqlStatement($"ALTER TABLE {Quote(op.Name)} RENAME TO {Quote(op.NewName)}")],
        AddColumnOperation op => RenderAddColumn(op),
        DropColumnOperation op => [new SqlStatement($"ALTER TABLE {Quote(op.TableName)} DROP COLUMN {Quote(op.Column)}")],
        AlterColumnOperation op => RenderAlterColumn(op),
        CreateIndexOperation op => [new SqlStatement(RenderCreateIndex(op))],
        DropIndexOperation op => RenderDropIndex(op),
        AddConstraintOperation op => RenderAddConstraint(op),
        DropConstraintOperation op => RenderDropConstraint(op),
        ExecuteSqlOperation op => [new SqlStatement(op.Sql, op.Arguments)],
        InsertRowsOperation op => RenderInsertRows(op),
        BatchAlterTableOperation op => RenderBatch(op),
        _ => throw new MigrationException($"{Kind} cannot render the operation {operation.GetType().Name}; it is not one this dialect knows."),
    };

    /// <summary>Adds a column with <c>ALTER TABLE ... ADD COLUMN</c>; with <see cref="AddColumnOperation.IfNotExists"/>, only where it is missing.</summary>
    protected virtual IReadOnlyList<SqlStatement> RenderAddColumn(AddColumnOperation operation) =>
        [new SqlStatement($"ALTER TABLE {Quote(operation.TableName)} ADD COLUMN {RenderColumn(operation.TableName, operation.Column)}")
        {
            OnlyIf = operation.IfNotExists ? ColumnMissing(operation.TableName, operation.Column.Name) : null,
        }];

    /// <summary>A scalar query that is 1 when <paramref name="table"/> has no column <paramref name="column"/>.</summary>
    protected virtual SqlStatement ColumnMissing(string table, string column) =>
        new("SELECT CASE WHEN EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column) THEN 0 ELSE 1 END",
            [new("table", table), new("column", column)]);

    /// <summary>Changes a column's type, nullability, default or name.</summary>
    protected abstract IReadOnlyList<SqlStatement> RenderAlterColumn(AlterColumnOperation operation);

    /// <summary>Drops an index; both SQLite and PostgreSQL find it by name alone.</summary>
    protected virtual IReadOnlyList<SqlStatement> RenderDropIndex(DropIndexOperation operation) =>
        [new SqlStatement($"DROP INDEX {Quote(operation.Name)}")];

    /// <summary>Adds a constraint to an existing table.</summary>
    protected abstract IReadOnlyList<SqlStatement> RenderAddConstraint(AddConstraintOperation operation);

    /// <summary>Drops a named constraint.</summary>
    protected abstract IReadOnlyList<SqlStatement> RenderDropConstraint(DropConstraintOperation operation);

    /// <summary>Performs a batch of changes to one table.</summary>
    protected abstract IReadOnlyList<SqlStatement> RenderBatch(BatchAlterTableOperation operation);

    /// <summary>A column definition as it appears in <c>CREATE TABLE</c> and <c>ADD COLUMN</c>.</summary>
    /// <param name="table">The table, for error messages.</param>
    /// <param name="column">The column.</param>
    protected virtual string RenderColumn(string table, ColumnDefinition column) =>
        Quote(column.Name) + " " + RenderType(column.Type) + RenderDefaultClause(column)
        + (column.Nullable ? "" : " NOT NULL") + (column.PrimaryKey ? " PRIMARY KEY" : "");

    /// <summary>
    /// The <c>DEFAULT</c> clause of a column (with a leading space), or an empty string; the expression is
    /// rendered verbatim unless the dialect has to adjust it.
    /// </summary>
    protected virtual string RenderDefaultClause(ColumnDefinition column) =>
        column.ServerDefault is null ? "" : " DEFAULT " + column.ServerDefault;

    /// <summary>The whole <c>CREATE TABLE</c> statement.</summary>
    protected string RenderCreateTable(CreateTableOperation operation)
    {
        var parts = operation.Columns.Select(c => RenderColumn(operation.Name, c))
                                     .Concat(operation.Constraints.Select(RenderConstraint));
        return $"CREATE TABLE {Quote(operation.Name)} ({string.Join(", ", parts)})";
    }

    /// <summary>A table constraint, with <c>CONSTRAINT "name"</c> when it is named.</summary>
    protected string RenderConstraint(TableConstraint constraint)
    {
        var text = new StringBuilder();
        if (constraint.Name is not null)
            text.Append("CONSTRAINT ").Append(Quote(constraint.Name)).Append(' ');
        switch (constraint)
        {
            case PrimaryKeyConstraint pk:
                text.Append("PRIMARY KEY (").Append(QuoteList(pk.Columns)).Append(')');
                break;
            case UniqueConstraint unique:
                text.Append("UNIQUE (").Append(QuoteList(unique.Columns)).Append(')');
                break;
            case CheckConstraint check:
                text.Append("CHECK (").Append(check.Condition).Append(')');
                break;
            case ForeignKeyConstraint fk:
                text.Append("FOREIGN KEY (").Append(QuoteList(fk.Columns)).Append(") REFERENCES ")
                    .Append(Quote(fk.ReferencedTable)).Append(" (").Append(QuoteList(fk.ReferencedColumns)).Append(')');
                // NO ACTION is every database's default; leaving it out keeps the text Alembic would write.
                if (fk.OnDelete != ReferentialAction.NoAction)
                    text.Append(" ON DELETE ").Append(RenderAction(fk.OnDelete));
                if (fk.OnUpdate != ReferentialAction.NoAction)
                    text.Append(" ON UPDATE ").Append(RenderAction(fk.OnUpdate));
                break;
            default:
                throw new MigrationException($"{Kind} cannot render the constraint {constraint.GetType().Name}.");
        }
        return text.ToString();
    }

    /// <summary>Whether <see cref="CreateIndexOperation.Concurrently"/> means something here (PostgreSQL); elsewhere it is ignored.</summary>
    protected virtual bool SupportsConcurrentIndexes => false;

    /// <summary>The whole <c>CREATE [UNIQUE] INDEX</c> statement; entries in parentheses are expressions, kept verbatim.</summary>
    protected string RenderCreateIndex(CreateIndexOperation operation)
    {
        var columns = string.Join(", ", operation.Columns.Select(c => IsExpression(c) ? c : Quote(c)));
        var unique = operation.Unique ? "UNIQUE " : "";
        var concurrently = operation.Concurrently && SupportsConcurrentIndexes ? "CONCURRENTLY " : "";
        var where = operation.Where is null ? "" : " WHERE " + operation.Where;
        return $"CREATE {unique}INDEX {concurrently}{Quote(operation.Name)} ON {Quote(operation.TableName)} ({columns}){where}";
    }

    /// <summary>One <c>INSERT</c> per row, every value a parameter <c>@p0</c>, <c>@p1</c>, ... so that no value reaches the SQL text.</summary>
    protected IReadOnlyList<SqlStatement> RenderInsertRows(InsertRowsOperation operation)
    {
        var placeholders = string.Join(", ", operation.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        var sql = $"INSERT INTO {Quote(operation.TableName)} ({QuoteList(operation.Columns)}) VALUES ({placeholders})";
        var statements = new List<SqlStatement>(operation.Rows.Count);
        foreach (var row in operation.Rows)
        {
            if (row.Count != operation.Columns.Count)
                throw new MigrationException($"A row for table '{operation.TableName}' has {row.Count} value(s) but {operation.Columns.Count} column(s) were named; give one value per column.");
            statements.Add(new SqlStatement(sql, row.Select((value, i) => new SqlArgument("p" + i.ToString(CultureInfo.InvariantCulture), value)).ToArray()));
        }
        return statements;
    }

    /// <summary>Whether an index entry is an expression, i.e. written in parentheses.</summary>
    protected static bool IsExpression(string indexEntry) =>
        indexEntry.Length >= 2 && indexEntry[0] == '(' && indexEntry[^1] == ')';

    private static string RenderAction(ReferentialAction action) => action switch
    {
        ReferentialAction.NoAction => "NO ACTION",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown referential action."),
    };
}
