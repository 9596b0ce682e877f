// expect: PMIG002
// dialects: sqlite
// Down must undo the index raw SQL in Up creates.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("063", DownRevision = "000")]
public sealed class M063 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("CREATE INDEX IF NOT EXISTS ix_logs_type ON logs (type)");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("SELECT 1");
    }
}
