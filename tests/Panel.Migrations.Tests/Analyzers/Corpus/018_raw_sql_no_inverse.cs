// expect: PMIG005
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("018", DownRevision = "000")]
public sealed class M018 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL");
        op.BatchAlterTable("sites", t => t.AddColumn("n", SqlType.Integer));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropColumn("n"));
    }
}
