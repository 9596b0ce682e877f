// expect: 
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("010", DownRevision = "000")]
public sealed class M010 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.AlterColumn("sites", "ps", serverDefault: "''");
    }

    public override void Down(MigrationBuilder op)
    {
        op.AlterColumn("sites", "ps", dropServerDefault: true);
    }
}
