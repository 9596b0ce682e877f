// expect: PMIG050
// dialects: sqlite
// Succeeds on an empty development database, fails on a production one with rows.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("054", DownRevision = "000")]
public sealed class M054 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites ADD COLUMN owner TEXT NOT NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites DROP COLUMN owner");
    }
}
