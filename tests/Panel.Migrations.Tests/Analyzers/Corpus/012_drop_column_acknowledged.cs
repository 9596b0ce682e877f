// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[AcknowledgeDataLoss("old_path unused since 7.0")]
[Migration("012", DownRevision = "000")]
public sealed class M012 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropColumn("old_path"));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AddColumn("old_path", SqlType.Text));
    }
}
