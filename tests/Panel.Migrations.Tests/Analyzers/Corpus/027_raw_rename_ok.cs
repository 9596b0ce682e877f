// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[AcknowledgeBreakingChange("panel stopped")]
[Migration("027", DownRevision = "000")]
public sealed class M027 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites RENAME COLUMN name TO domain");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites RENAME COLUMN domain TO name");
    }
}
