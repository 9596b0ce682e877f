// expect: PMIG003
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("013", DownRevision = "000")]
public sealed class M013 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.DropTable("ftps_old");
    }

    public override void Down(MigrationBuilder op)
    {
        op.CreateTable("ftps_old", t => t.Column("id", SqlType.Integer, primaryKey: true));
    }
}
