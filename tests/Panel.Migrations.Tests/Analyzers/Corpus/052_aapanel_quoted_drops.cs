// expect: PMIG003 PMIG003
// dialects: sqlite
// Single-quoted names are names where SQLite expects one: these drops destroy data.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("052", DownRevision = "000")]
public sealed class M052 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE 'crontab' DROP 'sName'");
        op.Execute("DROP TABLE IF EXISTS 'temp_login'");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("CREATE TABLE 'temp_login' ('id' INTEGER PRIMARY KEY AUTOINCREMENT, 'token' TEXT)");
        op.Execute("ALTER TABLE 'crontab' ADD 'sName' TEXT");
    }
}
