using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Batch;

/// <summary>
/// Makes columns NOT NULL or nullable without copying the table, where the database's SQLite can
/// (<c>ALTER TABLE ... ALTER COLUMN ... SET / DROP NOT NULL</c>, SQLite 3.53 and later). Nullability is declared,
/// never stored: SQLite scans the rows for NULLs and rewrites the column's declaration, which leaves the table a
/// rebuild would leave, for one read of the table instead of a copy of every row and index.
/// Only for a <see cref="BatchRecreate.Auto"/> batch whose every change is the nullability of a column.
/// </summary>
internal static class NullabilityAlter
{
    private static readonly Version NativeSince = new(3, 53, 0);

    public static bool Applies(SqliteConnection connection, BatchAlterTableOperation batch) =>
        batch.Recreate == BatchRecreate.Auto
        && batch.Operations.Count > 0
        && batch.Operations.All(o => o is AlterColumnOperation { Nullable: not null, Type: null, ServerDefault: null, DropServerDefault: false, NewName: null })
        && Version.TryParse(connection.ServerVersion, out var version) && version >= NativeSince;

    /// <exception cref="MigrationException">A row holds NULL in a column made NOT NULL, or SQLite refused the change; the caller rolls back.</exception>
    public static void Run(SqliteConnection connection, SqliteTransaction transaction, BatchAlterTableOperation batch, string table, Action<string>? log)
    {
        var clock = Stopwatch.StartNew();
        log?.Invoke($"Altering table {table} in place (nullability only: SQLite checks the rows and copies none)");
        foreach (var alter in batch.Operations.Cast<AlterColumnOperation>())
        {
            var column = SqliteTableRebuilder.Quote(alter.Column);
            var change = alter.Nullable == true ? "DROP NOT NULL" : "SET NOT NULL";
            try
            {
                using var command = LiveTable.Command(connection, transaction, $"ALTER TABLE {SqliteTableRebuilder.Quote(table)} ALTER COLUMN {column} {change}");
                command.ExecuteNonQuery();
            }
            catch (SqliteException error) when (error.SqliteErrorCode == 19 && alter.Nullable == false) // SQLITE_CONSTRAINT: SQLite says only "constraint failed"
            {
                using var count = LiveTable.Command(connection, transaction, $"SELECT COUNT(*) FROM {SqliteTableRebuilder.Quote(table)} WHERE {column} IS NULL");
                var nulls = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                throw new MigrationException($"Batch on table '{table}': column '{alter.Column}' cannot be made NOT NULL: {nulls.ToString("N0", CultureInfo.InvariantCulture)} " +
                                             $"row(s) hold NULL in it (NOT NULL constraint failed: {table}.{alter.Column}). Fill them first (a data migration before the batch), " +
                                             "then make the column NOT NULL. The table was not changed.", error);
            }
            catch (SqliteException error)
            {
                throw new MigrationException($"Batch on table '{table}': making column '{alter.Column}' {(alter.Nullable == true ? "nullable" : "NOT NULL")}: SQLite said: {error.Message}. " +
                                             "The table was not changed.", error);
            }
        }
        log?.Invoke($"Altered table {table} in place in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }
}
