// expect: PMIG043
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("036", DownRevision = "000")]
public sealed class M036 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateCheckConstraint("ck_port", "sites", "port > 0");
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropConstraint("ck_port", "sites", ConstraintKind.Check);
    }
}
