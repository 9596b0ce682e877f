// expect: PMIG003
// dialects: sqlite
// Own helper methods are not PMIG022, but the analyzers do not follow calls into them: Down drops a column that
// Up adds through the helper, which is reported as data loss (documented limit of PMIG002/PMIG003).
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("050", DownRevision = "000")]
public sealed class M050 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        AddFlag(op, "ssl");
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("sites", t => t.DropColumn("ssl"));
    }
}
