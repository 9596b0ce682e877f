// expect: PMIG023
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("025", DownRevision = "000")]
public sealed class M025 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = ''");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");
    }
}
