// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("031", DownRevision = "000")]
public sealed class M031 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateIndex("ix_logs_type", "logs", ["type"]);
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropIndex("ix_logs_type", "logs");
    }
}
