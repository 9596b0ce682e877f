// expect: PMIG045
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("038", DownRevision = "000")]
public sealed class M038 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateUniqueConstraint("uq_name", "sites", ["name"]);
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropConstraint("uq_name", "sites", ConstraintKind.Unique);
    }
}
