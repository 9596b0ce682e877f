using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Batch;

/// <summary>
/// Rebuilds a SQLite table ("move and copy", SQLite's 12-step generalized ALTER TABLE, as Alembic's batch
/// mode does) inside the caller's transaction: reads the live table, creates <c>_alembic_tmp_&lt;table&gt;</c>,
/// copies the rows with INSERT ... SELECT (rows never pass through .NET; in chunks to report progress, <see cref="RebuildCopy"/>), drops the old table, renames the
/// new one, re-creates indexes and triggers, renames columns natively, and checks foreign keys. A batch that only
/// changes nullability and CHECK constraints is altered in place instead, where SQLite can (<see cref="ConstraintAlter"/>).
/// The caller switches <c>PRAGMA foreign_keys</c> off before its transaction (<see cref="ForeignKeysOff"/>).
/// </summary>
internal static class SqliteTableRebuilder
{
    /// <summary>Alembic's name for the new table, so a database handled by both tools sees one convention.</summary>
    public static string TempName(string table) => "_alembic_tmp_" + table;

    public static string Quote(string name) => SqliteDialect.Instance.Quote(name);

    /// <exception cref="MigrationException">Bad input, a constraint the rows violate, or a dependent view or trigger the change breaks; the caller rolls back.</exception>
    public static void Run(SqliteConnection connection, SqliteTransaction transaction, BatchAlterTableOperation batch,
                           SqliteDialect dialect, Action<string>? log, Action<BatchProgress>? progress, Version? sqliteVersion)
    {
        var clock = Stopwatch.StartNew();
        if (Scalar(connection, transaction, "PRAGMA foreign_keys") != 0)
            throw new MigrationException($"Batch on table '{batch.TableName}': foreign key enforcement is on inside the transaction, and dropping the old table would " +
                                         "fire ON DELETE actions on the rows that refer to it. Switch PRAGMA foreign_keys off before the transaction begins. The table was not changed.");

        var live = LiveTable.Read(connection, transaction, batch.TableName);
        var table = live.Name;
        var temp = TempName(table);
        var indexNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = Command(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'index'").ExecuteReader())
        {
            while (reader.Read())
                indexNames.Add(reader.GetString(0));
        }
        var plan = RebuildPlan.Build(live, batch, dialect, indexNames);

        var missing = plan.Columns.FirstOrDefault(c => c.NeedsValue);
        if (missing is not null && live.HasRows)
            throw new MigrationException($"Batch on table '{table}': column '{missing.Name}' is added as NOT NULL without a default, but the table has rows " +
                                         "that would have no value for it. Give it a serverDefault, or add it nullable, fill it, then make it NOT NULL. The table was not changed.");

        if (ConstraintAlter.Applies(sqliteVersion, batch))
        {
            ConstraintAlter.Run(connection, transaction, batch, table, dialect, log);
            return;
        }

        // A leftover from a run of another tool that committed its CREATE (Alembic with pysqlite does); ours never commits one.
        if (Scalar(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @t", temp) > 0)
        {
            log?.Invoke($"Dropping table {temp}, left over from an interrupted rebuild of '{table}' (the table itself is intact)");
            Execute(connection, transaction, $"DROP TABLE {Quote(temp)}", table);
        }

        var legacyAlter = Scalar(connection, transaction, "PRAGMA legacy_alter_table");
        log?.Invoke($"Rebuilding table {table} (move and copy)");
        Execute(connection, transaction, plan.CreateSql(temp), table);
        var copied = RebuildCopy.Run(connection, transaction, plan.CopySql(temp), live, clock, progress);

        Execute(connection, transaction, $"DROP TABLE {Quote(table)}", table);
        // In legacy mode the rename leaves views, triggers and other tables' foreign keys alone: they already name
        // the table, which exists again a moment later. Modern mode would re-check every view and fail while it is gone.
        Execute(connection, transaction, "PRAGMA legacy_alter_table = ON", table);
        Execute(connection, transaction, $"ALTER TABLE {Quote(temp)} RENAME TO {Quote(table)}", table);
        Execute(connection, transaction, "PRAGMA legacy_alter_table = OFF", table);

        foreach (var index in plan.Indexes)
            Execute(connection, transaction, index.Sql, table, $"index '{index.Name}'");
        foreach (var trigger in live.Triggers)
            Execute(connection, transaction, trigger.Sql, table, $"trigger '{trigger.Name}'");
        Rename(connection, transaction, table, plan.Renames());
        if (legacyAlter != 0)
            Execute(connection, transaction, "PRAGMA legacy_alter_table = ON", table);

        // AUTOINCREMENT promises never to reuse an id: keep the counter even when the highest rows were deleted.
        if (live.Sequence is { } sequence)
        {
            using var command = Command(connection, transaction, "UPDATE sqlite_sequence SET seq = MAX(seq, @s) WHERE name = @t", table);
            command.Parameters.AddWithValue("@s", sequence);
            if (command.ExecuteNonQuery() == 0 && Scalar(connection, transaction, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'") > 0)
            {
                using var insert = Command(connection, transaction, "INSERT INTO sqlite_sequence (name, seq) SELECT @t, @s WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name = @t AND sql LIKE '%AUTOINCREMENT%')", table);
                insert.Parameters.AddWithValue("@s", sequence);
                insert.ExecuteNonQuery();
            }
        }

        foreach (var view in live.Views)
            Execute(connection, transaction, $"SELECT * FROM {Quote(view)} LIMIT 0", table, $"view '{view}', which uses the table,");
        CheckForeignKeys(connection, transaction, table, live.Children);
        progress?.Invoke(new BatchProgress(table, BatchStage.Finished, copied, clock.Elapsed, copied));
        log?.Invoke($"Rebuilt table {table}: {copied.ToString("N0", CultureInfo.InvariantCulture)} rows in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    // Native renames rewrite every index, trigger, view and foreign key that names the column. Through temporary
    // names when a new name is still taken during the renames (a swap, or a name freed and reused in the batch).
    private static void Rename(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<(string From, string To)> renames)
    {
        var clash = renames.Any(r => renames.Any(o => o != r && LiveTable.Same(o.From, r.To)));
        var steps = new List<(string From, string To)>();
        if (clash)
        {
            var temporary = renames.Select((r, i) => (r.From, Temp: $"__panel_rename_{i}_{r.To}", r.To)).ToList();
            steps.AddRange(temporary.Select(t => (t.From, t.Temp)));
            steps.AddRange(temporary.Select(t => (t.Temp, t.To)));
        }
        else
        {
            steps.AddRange(renames);
        }
        foreach (var (from, to) in steps)
            Execute(connection, transaction, $"ALTER TABLE {Quote(table)} RENAME COLUMN {Quote(from)} TO {Quote(to)}", table, $"renaming column '{from}' to '{to}'");
    }

    private static void CheckForeignKeys(SqliteConnection connection, SqliteTransaction transaction, string table, List<string> children)
    {
        foreach (var checkedTable in children.Prepend(table))
        {
            using var reader = Command(connection, transaction, $"PRAGMA foreign_key_check({Quote(checkedTable)})").ExecuteReader();
            if (!reader.Read())
                continue;
            var rowid = reader.IsDBNull(1) ? "(no rowid)" : reader.GetValue(1).ToString();
            var parent = reader.GetString(2);
            var direction = LiveTable.Same(checkedTable, table)
                ? $"row {rowid} of '{table}' refers to a row of '{parent}' that does not exist"
                : $"row {rowid} of '{checkedTable}' refers to a row of '{table}' that the rebuilt table no longer has";
            throw new MigrationException($"Batch on table '{table}': the rebuild would break a foreign key: {direction} (PRAGMA foreign_key_check). " +
                                         "Fix or remove such rows first (a data migration before the batch). The table was not changed.");
        }
    }

    internal static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string table, string? what = null, Action<SqliteCommand>? bind = null)
    {
        try
        {
            using var command = Command(connection, transaction, sql);
            bind?.Invoke(command);
            return command.ExecuteNonQuery();
        }
        catch (SqliteException error)
        {
            var message = error.Message.Replace(TempName(table), table, StringComparison.Ordinal);
            throw new MigrationException($"Batch on table '{table}': {(what is null ? "" : what + ": ")}SQLite said: {message}. The table was not changed " +
                                         $"(statement: {(sql.Length <= 300 ? sql : sql[..300] + "...")}).", error);
        }
    }

    internal static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, string? t = null)
    {
        using var command = Command(connection, transaction, sql, t);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, string? t = null) =>
        LiveTable.Command(connection, transaction, sql, t);
}
