// expect: 
// dialects: sqlite
// What raw SQL in Up creates, Down may drop: no data of before the migration is lost.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("053", DownRevision = "000")]
public sealed class M053 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("CREATE TABLE IF NOT EXISTS ssh_login_record (id INTEGER PRIMARY KEY, addr TEXT, login_time INTEGER DEFAULT 0)");
        op.Execute("CREATE INDEX ix_ssh_login_time ON ssh_login_record (login_time)");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("DROP TABLE ssh_login_record");
    }
}
