// expect: PMIG051 PMIG051
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("041", DownRevision = "000")]
public sealed class M041 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("logs", t => t.AlterColumn("id", type: SqlType.BigInteger));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("logs", t => t.AlterColumn("id", type: SqlType.Integer));
    }
}
