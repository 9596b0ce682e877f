// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("049", DownRevision = "000")]
public sealed class M049 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.CreateCheckConstraint("ck_port", "port > 0").CreateForeignKey("fk_user", ["user_id"], "users", ["id"]));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropConstraint("fk_user", ConstraintKind.ForeignKey).DropConstraint("ck_port", ConstraintKind.Check));
    }
}
