// expect: PMIG031
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("026", DownRevision = "000")]
public sealed class M026 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites ALTER COLUMN port TYPE bigint");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("SELECT 1");
    }
}
