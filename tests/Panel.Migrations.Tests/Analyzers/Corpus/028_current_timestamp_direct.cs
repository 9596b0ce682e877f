// expect: PMIG032
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("028", DownRevision = "000")]
public sealed class M028 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.AddColumn("sites", "created", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP");
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropColumn("created"));
    }
}
