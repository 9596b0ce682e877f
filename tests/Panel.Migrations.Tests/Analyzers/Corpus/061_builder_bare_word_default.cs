// expect: PMIG032
// dialects: sqlite
// A bare word is an expression to the builder (the runtime refuses it); quote it: serverDefault: "'off'".
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("061", DownRevision = "000")]
public sealed class M061 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.AddColumn("crontab", "backupTo", SqlType.Text, serverDefault: "off");
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("crontab", t => t.DropColumn("backupTo"));
    }
}
