// expect: PMIG052
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("042", DownRevision = "000")]
public sealed class M042 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AlterColumn("name", newName: "domain"));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AlterColumn("domain", newName: "name"));
    }
}
