// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("014", DownRevision = "000")]
public sealed class M014 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
    }

    public override void Down(MigrationBuilder op)
    {
        op.DropTable("certs");
    }
}
