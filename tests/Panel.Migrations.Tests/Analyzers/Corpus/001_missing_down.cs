// expect: PMIG001
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("001", DownRevision = "000")]
public sealed class M001 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0"));
    }
}
