// expect: PMIG063
// dialects: postgresql
// A failed concurrent build leaves an invalid index that raw SQL hides from the journal; IF NOT EXISTS would keep it.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("069", DownRevision = "000", Transaction = MigrationTransaction.None)]
public sealed class M069 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_logs_type ON logs (type)");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("DROP INDEX CONCURRENTLY IF EXISTS ix_logs_type");
    }
}
