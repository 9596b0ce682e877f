using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// The rules that read one builder call at a time: data loss (PMIG003), SQLite's limits (PMIG030, PMIG032),
/// PostgreSQL's locks (PMIG040–046), compatibility (PMIG050–052) and MySQL's scans (PMIG062). A call in an
/// <c>op.Database</c> branch is checked only for the databases the branch lets through.
/// </summary>
internal static class OperationRules
{
    public static void Check(MigrationClass migration, MethodOps method, Action<Diagnostic> report)
    {
        var isDown = method.Method.Name == "Down";
        var where = migration.Name + "." + method.Method.Name;
        var acknowledged = MigrationSymbols.HasReason(migration.DataLossAck);
        var renamesAcknowledged = MigrationSymbols.HasReason(migration.BreakingAck);
        foreach (var op in method.Ops)
        {
            var sqlite = migration.Checks(op, TargetDialects.Sqlite);
            var pg = migration.Checks(op, TargetDialects.PostgreSql);
            var mysql = migration.Checks(op, TargetDialects.MySql);
            var table = Shown.Name(op.Table, "table");
            var name = Shown.Name(op.Name, "name");
            var isNew = method.IsNew(op.Table);
            switch (op.Kind)
            {
                case OpKind.AddColumn:
                {
                    var notNull = op.IsFalse("nullable");
                    var @default = op.String("serverDefault");
                    var defaultKnown = op.Constant("serverDefault").Known;
                    if (notNull && op.IsNull("serverDefault") && !isNew)
                        report(Diagnostic.Create(Rules.NotNullWithoutDefault, op.Location, name, table));
                    else if (sqlite && !op.InBatch && defaultKnown && SqliteDefault.AddColumnProblem(@default, nullable: !notNull) is { } why)
                        report(Diagnostic.Create(Rules.SqliteAddColumn, op.Location, name, table, why));
                    if (!isNew && @default is not null && VolatileDefault(@default, pg, mysql) is { } rewrite)
                        report(Diagnostic.Create(Rules.AddColumnRewrite, op.Location, name, table, rewrite));
                    break;
                }
                case OpKind.DropColumn:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "drop column '" + name + "'", table));
                    if (!acknowledged && !(isDown && migration.IsUpCreated(op.Table, op.Name)) && !isNew)
                        report(Diagnostic.Create(Rules.DataLoss, op.Location, "DropColumn", "column '" + table + "." + name + "'", where));
                    break;
                case OpKind.DropTable:
                    if (!acknowledged && !(isDown && migration.IsUpCreated(op.Table, null)) && !isNew)
                        report(Diagnostic.Create(Rules.DataLoss, op.Location, "DropTable", "table '" + table + "'", where));
                    break;
                case OpKind.AlterColumn:
                {
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "alter column '" + name + "'", table));
                    if (op.IsExplicit("type") && !op.IsNull("type") && !isNew)
                        report(Diagnostic.Create(Rules.TypeChange, op.Location, name, table));
                    if (pg && op.IsFalse("nullable") && !isNew)
                        report(Diagnostic.Create(Rules.SetNotNull, op.Location, name, table));
                    if (op.IsExplicit("newName") && !op.IsNull("newName") && !renamesAcknowledged && !isNew && !IsInverseOfUpRename(migration, op, isDown))
                        report(Diagnostic.Create(Rules.Rename, op.Location, "column", table + "." + name, Shown.Name(op.String("newName"), "new name")));
                    break;
                }
                case OpKind.RenameTable:
                    if (!renamesAcknowledged && !isNew && !IsInverseOfUpRename(migration, op, isDown))
                        report(Diagnostic.Create(Rules.Rename, op.Location, "table", table, Shown.Name(op.String("newName"), "new name")));
                    break;
                case OpKind.AddUnique:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add unique constraint '" + name + "'", table));
                    if (pg && !isNew)
                        report(Diagnostic.Create(Rules.UniqueDirect, op.Location, name, table));
                    break;
                case OpKind.AddCheck:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add check constraint '" + name + "'", table));
                    if (pg && !isNew && !op.IsFalse("validate"))
                        report(Diagnostic.Create(Rules.CheckValidated, op.Location, name, table));
                    if (mysql && !isNew)
                        report(Diagnostic.Create(Rules.MySqlConstraintScan, op.Location, "Check", name, table));
                    break;
                case OpKind.AddForeignKey:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add foreign key '" + name + "'", table));
                    if (pg && !isNew && !op.IsFalse("validate"))
                        report(Diagnostic.Create(Rules.ForeignKeyValidated, op.Location, name, table));
                    if (mysql && !isNew)
                        report(Diagnostic.Create(Rules.MySqlConstraintScan, op.Location, "Foreign key", name, table));
                    break;
                case OpKind.DropConstraint:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "drop constraint '" + name + "'", table));
                    break;
                case OpKind.CreateIndex:
                    if (pg && !isNew && !op.IsTrue("concurrently"))
                        report(Diagnostic.Create(Rules.IndexNotConcurrent, op.Location, name, table));
                    if (pg && op.IsTrue("concurrently") && !migration.RunsOutsideTransaction)
                        report(Diagnostic.Create(Rules.ConcurrentInTransaction, op.Location, name, migration.Name));
                    break;
            }
        }
    }

    private static bool IsInverseOfUpRename(MigrationClass migration, MigrationOp op, bool isDown)
    {
        if (!isDown || migration.Up is not { } up)
            return false;
        var newName = op.String("newName");
        return op.Kind == OpKind.RenameTable
            ? up.Ops.Any(u => u.Kind == OpKind.RenameTable && MethodOps.Same(u.String("newName"), op.Table) && MethodOps.Same(u.Table, newName))
            : up.Ops.Any(u => u.Kind == OpKind.AlterColumn && MethodOps.Same(u.String("newName"), op.Name) && MethodOps.Same(u.Name, newName));
    }

    private static readonly string[] VolatileFunctions = { "clock_timestamp(", "random(", "gen_random_uuid(", "uuid_generate_v4(", "uuid_generate_v1(", "timeofday(" };

    /// <summary>How the default makes the database rewrite the table, in that database's terms; null when it does not.</summary>
    private static string? VolatileDefault(string @default, bool pg, bool mysql)
    {
        var d = @default.Trim().ToLowerInvariant().Replace(" ", string.Empty);
        if (pg && VolatileFunctions.Any(f => d.Contains(f)))
            return "has the volatile default '" + @default + "', which makes PostgreSQL rewrite the whole table under an exclusive lock";
        if (mysql && (d.StartsWith("(", StringComparison.Ordinal) || d.Contains("uuid()") || d.Contains("rand(")))
            return "has the expression default '" + @default + "', which MySQL cannot add instantly: it rebuilds the whole table";
        return null;
    }
}
