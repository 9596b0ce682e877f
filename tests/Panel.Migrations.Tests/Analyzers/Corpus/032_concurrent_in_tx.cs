// expect: PMIG041
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("032", DownRevision = "000")]
public sealed class M032 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateIndex("ix_logs_type", "logs", ["type"], concurrently: true);
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropIndex("ix_logs_type", "logs");
    }
}
