// expect: 
// dialects: mysql
// One ALTER TABLE with several changes: MariaDB applies all of it or none, so --resume can run it again.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("066", DownRevision = "000")]
public sealed class M066 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites ADD COLUMN ssl_on TINYINT NOT NULL DEFAULT 0, ADD COLUMN ssl_until DATETIME NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites DROP COLUMN ssl_until, DROP COLUMN ssl_on");
    }
}
