// expect: PMIG063
// dialects: sqlite
// Without a transaction SQLite commits each statement of the call as it runs.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("067", DownRevision = "000", Transaction = MigrationTransaction.None)]
public sealed class M067 : Migration
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
