using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations;

// bench-batch.sh's two .NET contenders on a copy of the same 1,000,000-row database:
//   ours DB      Panel.Migrations upgrade: one batch that makes big.email NOT NULL (a table rebuild)
//   raw DB SQL   the same 12-step rebuild written by hand, run as one script through Microsoft.Data.Sqlite (the floor)
if (args.Length >= 2 && args[0] == "ours")
{
    var map = new MigrationMap([new MigrationInfo("rb1", [], "email not null", () => new EmailNotNull())]);
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
Console.Error.WriteLine("usage: BatchBench ours DB | raw DB SQLFILE");
return 2;

internal sealed class EmailNotNull : Migration
{
    public override void Up(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: false));

    public override void Down(MigrationBuilder op) => op.BatchAlterTable("big", t => t.AlterColumn("email", nullable: true));
}
