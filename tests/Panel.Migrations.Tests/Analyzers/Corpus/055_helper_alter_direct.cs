// expect: PMIG030
// dialects: sqlite
// An AlterColumn hidden in a private helper is followed into it.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("055", DownRevision = "000")]
public sealed class M055 : Migration
{
    private void MakeOptional(MigrationBuilder op, string column) => op.AlterColumn("sites", column, nullable: true);

    public override void Up(MigrationBuilder op)
    {
        MakeOptional(op, "ps");
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AlterColumn("ps", nullable: false));
    }
}
