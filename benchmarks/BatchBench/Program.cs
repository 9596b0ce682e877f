using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations;

// bench-batch.sh's two .NET contenders on a copy of the same 1,000,000-row database:
//   ours DB      Panel.Migrations upgrade: one batch that makes big.email NOT NULL (a table rebuild)
//   raw DB SQL   the same 12-step rebuild written by hand, run as one script through Microsoft.Data.Sqlite (the floor)
// and, to time a run's fixed cost (start-up, bookkeeping) without the rebuild:
//   ours-noop DB Panel.Migrations upgrade of one migration that runs SELECT 1 (compare with: raw DB FILE-WITH-SELECT-1)
if (args.Length >= 2 && args[0] is "ours" or "ours-noop")
{
    var rebuild = args[0] == "ours";
    var map = new MigrationMap([new MigrationInfo("rb1", [], rebuild ? "email not null" : "select 1", () => rebuild ? new EmailNotNull() : new SelectOne())]);
    await new MigrationRunner(map, MigrationOptions.ForSqlite(args[1])).UpgradeAsync();
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
Console.Error.WriteLine("usage: BatchBench ours DB | ours-noop DB | raw DB SQLFILE");
return 2;

internal sealed class EmailNotNull : Migration
{
    public override void Up(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: false));

    public override void Down(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: true));
}

internal sealed class SelectOne : Migration
{
    public override void Up(MigrationBuilder op) => op.Execute("SELECT 1");

    public override void Down(MigrationBuilder op) => op.Execute("SELECT 1");
}
