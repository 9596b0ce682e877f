// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("019", DownRevision = "000")]
public sealed class M019 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = NULL WHERE ps = 'x'");
    }
}
