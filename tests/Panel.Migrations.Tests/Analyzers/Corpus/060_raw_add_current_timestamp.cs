// expect: PMIG031
// dialects: sqlite
// SQLite refuses a non-constant default when adding a column to a table with rows.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("060", DownRevision = "000")]
public sealed class M060 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE 'logs' ADD 'created' TEXT DEFAULT CURRENT_TIMESTAMP");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE 'logs' DROP 'created'");
    }
}
