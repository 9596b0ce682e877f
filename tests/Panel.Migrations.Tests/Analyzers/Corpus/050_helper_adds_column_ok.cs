// expect:
// dialects: sqlite
// Own helper methods are not PMIG022, and the analyzers follow calls into them one level deep with the call's
// arguments: Up adds sites.ssl through the helper, so Down dropping it is no data loss.
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
