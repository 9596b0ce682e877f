using System;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Batch;

/// <summary>
/// Changes a table's declared constraints without copying it, where the database's SQLite can (3.53 and later:
/// <c>ALTER TABLE ... ALTER COLUMN ... SET / DROP NOT NULL</c>, <c>ADD CONSTRAINT ... CHECK</c>, <c>DROP CONSTRAINT</c>).
/// Such constraints are declared, never stored: SQLite checks the rows against a new one and rewrites the table's
/// declaration, which leaves the table a rebuild would leave, for one read of the table instead of a copy of every
/// row and index. Only for a <see cref="BatchRecreate.Auto"/> batch whose every change is of that kind.
/// </summary>
internal static class ConstraintAlter
{
    private const int SqliteConstraint = 19; // SQLITE_CONSTRAINT: SQLite then says only "constraint failed"

    public static bool Applies(Version? live, BatchAlterTableOperation batch) =>
        SqliteDialect.Instance.Decide(batch, live) == SqliteBatchAction.AlterConstraints;

    /// <summary>The SQLite library version behind <paramref name="connection"/>, or the one <paramref name="options"/> assume.</summary>
    public static Version? LiveVersion(System.Data.Common.DbConnection connection, MigrationOptions options) =>
        options.SqliteLibraryVersion ?? (Version.TryParse(connection.ServerVersion, out var version) ? version : null);

    /// <exception cref="MigrationException">Rows break a constraint being added, or SQLite refused a change; the caller rolls back.</exception>
    public static void Run(SqliteConnection connection, SqliteTransaction transaction, BatchAlterTableOperation batch, string table, SqliteDialect dialect, Action<string>? log)
    {
        var clock = Stopwatch.StartNew();
        var quoted = SqliteTableRebuilder.Quote(table);
        log?.Invoke($"Altering table {table} in place (constraints only: SQLite checks the rows and copies none)");
        foreach (var operation in batch.Operations)
        {
            var (sql, what, violations) = operation switch
            {
                AlterColumnOperation alter => (
                    $"ALTER TABLE {quoted} ALTER COLUMN {SqliteTableRebuilder.Quote(alter.Column)} {(alter.Nullable == true ? "DROP" : "SET")} NOT NULL",
                    $"column '{alter.Column}' cannot be made {(alter.Nullable == true ? "nullable" : "NOT NULL")}",
                    alter.Nullable == false ? $"{SqliteTableRebuilder.Quote(alter.Column)} IS NULL" : null),
                AddConstraintOperation { Constraint: CheckConstraint check } => (
                    $"ALTER TABLE {quoted} ADD {dialect.ConstraintSql(check)}",
                    $"constraint '{check.Name ?? check.Condition}' cannot be added",
                    $"NOT ({check.Condition})"),
                DropConstraintOperation drop => (
                    $"ALTER TABLE {quoted} DROP CONSTRAINT {SqliteTableRebuilder.Quote(drop.Name)}",
                    $"constraint '{drop.Name}' cannot be dropped",
                    null),
                _ => throw new InvalidOperationException($"{operation.GetType().Name} is not a constraint change"),
            };
            try
            {
                using var command = LiveTable.Command(connection, transaction, sql);
                command.ExecuteNonQuery();
            }
            catch (SqliteException error) when (error.SqliteErrorCode == SqliteConstraint && violations is not null)
            {
                using var count = LiveTable.Command(connection, transaction, $"SELECT COUNT(*) FROM {quoted} WHERE {violations}");
                var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                var (broken, failed) = operation is AlterColumnOperation alter
                    ? ("hold NULL in it", $"NOT NULL constraint failed: {table}.{alter.Column}")
                    : ("break it", $"CHECK constraint failed: {((AddConstraintOperation)operation).Constraint.Name}");
                throw new MigrationException($"Batch on table '{table}': {what}: {rows.ToString("N0", CultureInfo.InvariantCulture)} row(s) {broken} ({failed}). " +
                                             "Fix or remove such rows first (a data migration before the batch). The table was not changed.", error);
            }
            catch (SqliteException error)
            {
                throw new MigrationException($"Batch on table '{table}': {what}: SQLite said: {error.Message}. The table was not changed (statement: {sql}).", error);
            }
        }
        log?.Invoke($"Altered table {table} in place in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }
}
