using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Panel.Migrations;

// bench-batch.sh's .NET contenders on a copy of the same 1,000,000-row database:
//   ours DB          Panel.Migrations upgrade: one batch that makes big.email NOT NULL, as a user writes it (BatchRecreate.Auto:
//                    in place where SQLite can, 3.53 and later)
//   ours-rebuild DB  the same batch with BatchRecreate.Always: a table rebuild
//   ours-progress DB the same rebuild with a progress listener, so the rows are counted and copied in chunks (RebuildCopy)
//   raw DB SQL       the same 12-step rebuild written by hand, run as one script through Microsoft.Data.Sqlite (the floor)
// and, to time a run's fixed cost (start-up, bookkeeping) without the rebuild:
//   ours-noop DB     Panel.Migrations upgrade of one migration that runs SELECT 1 (compare with: raw DB FILE-WITH-SELECT-1)
if (args.Length >= 2 && args[0] is "ours" or "ours-rebuild" or "ours-progress" or "ours-noop")
{
    Func<Migration> migration = args[0] switch
    {
        "ours" => () => new EmailNotNull(BatchRecreate.Auto),
        "ours-rebuild" or "ours-progress" => () => new EmailNotNull(BatchRecreate.Always),
        _ => () => new SelectOne(),
    };
    var map = new MigrationMap([new MigrationInfo("rb1", [], args[0], migration)]);
    var options = MigrationOptions.ForSqlite(args[1]);
    long reports = 0;
    if (args[0] == "ours-progress")
        options = options with { BatchProgress = _ => reports++ };
    await new MigrationRunner(map, options).UpgradeAsync();
    if (args[0] == "ours-progress" && reports < 3)
        throw new InvalidOperationException($"only {reports} progress report(s): the copy was not chunked");
    return 0;
}
if (args.Length >= 3 && args[0] == "raw")
{
    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args[1] }.ToString());
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = File.ReadAllText(args[2]);
    command.ExecuteNonQuery();
    return 0;
}
Console.Error.WriteLine("usage: BatchBench ours DB | ours-rebuild DB | ours-progress DB | ours-noop DB | raw DB SQLFILE");
return 2;

internal sealed class EmailNotNull(BatchRecreate recreate) : Migration
{
    public override void Up(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: false), recreate);

    public override void Down(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: true), recreate);
}

internal sealed class SelectOne : Migration
{
    public override void Up(MigrationBuilder op) => op.Execute("SELECT 1");

    public override void Down(MigrationBuilder op) => op.Execute("SELECT 1");
}
