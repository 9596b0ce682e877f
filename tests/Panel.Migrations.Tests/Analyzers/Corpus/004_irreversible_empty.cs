// expect: PMIG004 PMIG001
// An [Irreversible] with a blank reason does not count (PMIG004), so the missing Down is still PMIG001.
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Irreversible(" ")]
[Migration("004", DownRevision = "000")]
public sealed class M004 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("DELETE FROM logs WHERE addtime < '2020-01-01'");
    }
}
