// expect: PMIG023
// dialects: sqlite
// The only WHERE is the subquery's: every row of sites is updated.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("058", DownRevision = "000")]
public sealed class M058 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET ps = (SELECT ps FROM backup WHERE backup.pid = sites.id LIMIT 1)");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("SELECT 1");
    }
}
