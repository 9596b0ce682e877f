// expect: 
// dialects: mysql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("048", DownRevision = "000")]
public sealed class M048 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AddColumn("a", SqlType.Integer).CreateIndex("ix_sites_a", ["a"]));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropIndex("ix_sites_a").DropColumn("a"));
    }
}
