// expect: PMIG022
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("024", DownRevision = "000")]
public sealed class M024 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute(System.IO.File.ReadAllText("x.sql"));
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("SELECT 1");
    }
}
