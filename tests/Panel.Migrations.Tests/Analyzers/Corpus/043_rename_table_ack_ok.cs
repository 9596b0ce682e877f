// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[AcknowledgeBreakingChange("panel is stopped while migrating")]
[Migration("043", DownRevision = "000")]
public sealed class M043 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.RenameTable("site", "sites");
    }

    public override void Down(MigrationBuilder op)
    {
        op.RenameTable("sites", "site");
    }
}
