// expect: PMIG044
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("037", DownRevision = "000")]
public sealed class M037 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.AlterColumn("sites", "port", nullable: false);
    }

    public override void Down(MigrationBuilder op)
    {
        op.AlterColumn("sites", "port", nullable: true);
    }
}
