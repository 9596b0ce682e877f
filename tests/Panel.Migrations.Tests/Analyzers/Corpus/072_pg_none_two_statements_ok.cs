// expect: 
// dialects: postgresql
// PostgreSQL runs one call's statements in one implicit transaction, all or none.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("072", DownRevision = "000", Transaction = MigrationTransaction.None)]
public sealed class M072 : Migration
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
