// expect: PMIG053 PMIG053
// dialects: postgresql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("044", DownRevision = "000")]
public sealed class M044 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateTable("a_table_whose_name_is_far_too_long_for_postgresql_identifiers_really", t => t.Column("id", SqlType.Integer, primaryKey: true));
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropTable("a_table_whose_name_is_far_too_long_for_postgresql_identifiers_really");
    }
}
