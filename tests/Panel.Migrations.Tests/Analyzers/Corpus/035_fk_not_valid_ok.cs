// expect: 
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("035", DownRevision = "000")]
public sealed class M035 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateForeignKey("fk_sites_user", "sites", ["user_id"], "users", ["id"], validate: false);
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropConstraint("fk_sites_user", "sites", ConstraintKind.ForeignKey);
    }
}
