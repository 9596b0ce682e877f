// expect: 
// dialects: sqlite
// In a transaction (the default) a failure takes both statements back.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("068", DownRevision = "000")]
public sealed class M068 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE crontab SET status = 1 WHERE status IS NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");
    }
}
