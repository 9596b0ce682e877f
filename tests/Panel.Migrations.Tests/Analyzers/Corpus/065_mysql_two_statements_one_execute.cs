// expect: PMIG063
// dialects: mysql
// MySQL commits the first ALTER before the second fails; the journal counts the call as one statement, none done.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("065", DownRevision = "000")]
public sealed class M065 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites ADD COLUMN ssl_on TINYINT NOT NULL DEFAULT 0; ALTER TABLE sites ADD COLUMN ssl_until DATETIME NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites DROP COLUMN ssl_until, DROP COLUMN ssl_on");
    }
}
