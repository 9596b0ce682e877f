// expect: PMIG046
// dialects: mysql
// MySQL cannot add a column with an expression default instantly.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("062", DownRevision = "000")]
public sealed class M062 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.AddColumn("sites", "token", SqlType.String(36), serverDefault: "(uuid())");
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropColumn("sites", "token");
    }
}
