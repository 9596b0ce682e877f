// expect: PMIG003
// dialects: sqlite
// A local function is followed with the arguments of its call.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("056", DownRevision = "000")]
public sealed class M056 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        void DropColumn(string table, string column) => op.BatchAlterTable(table, t => t.DropColumn(column));
        DropColumn("backup", "ps");
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("backup", t => t.AddColumn("ps", SqlType.Text));
    }
}
