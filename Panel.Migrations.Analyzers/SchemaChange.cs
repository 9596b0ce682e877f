using Panel.Migrations.Analyzers.RawSql;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// A change to the schema that Up or Down makes, whether by a builder call or by a statement of raw SQL: what the
/// reversibility rules (PMIG002) and the exemptions for what the same migration created compare.
/// </summary>
/// <param name="Kind">What it does, in the builder's terms.</param>
/// <param name="Table">The table, when it could be read.</param>
/// <param name="Name">The column, index or constraint, when it could be read.</param>
/// <param name="NewName">The new name of a rename.</param>
/// <param name="Op">The builder call, or the <c>Execute</c> call that runs the statement.</param>
internal sealed record SchemaChange(OpKind Kind, string? Table, string? Name, string? NewName, MigrationOp Op)
{
    /// <summary>The change a statement of raw SQL makes, or null when it is not one the rules compare.</summary>
    public static SchemaChange? Of(RawStatement statement, MigrationOp execute)
    {
        var kind = statement.Kind switch
        {
            RawStatementKind.CreateTable => OpKind.CreateTable,
            RawStatementKind.DropTable => OpKind.DropTable,
            RawStatementKind.AddColumn => OpKind.AddColumn,
            RawStatementKind.DropColumn => OpKind.DropColumn,
            RawStatementKind.CreateIndex => OpKind.CreateIndex,
            RawStatementKind.DropIndex => OpKind.DropIndex,
            RawStatementKind.RenameTable => OpKind.RenameTable,
            _ => OpKind.Other,
        };
        return kind == OpKind.Other ? null : new SchemaChange(kind, statement.Table, statement.Name, statement.NewName, execute);
    }

    /// <summary>The change a builder call makes.</summary>
    public static SchemaChange Of(MigrationOp op) =>
        new(op.Kind, op.Table, op.Name, op.Kind is OpKind.RenameTable or OpKind.AlterColumn ? op.String("newName") : null, op);
}
