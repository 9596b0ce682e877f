// expect: PMIG031
// dialects: sqlite
// aaPanel's ADD CONSTRAINT is not SQLite syntax (it always fails).
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("064", DownRevision = "000")]
public sealed class M064 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE 'crontab' ADD CONSTRAINT 'fk_type_id' FOREIGN KEY ('type_id') REFERENCES 'crontab_types' ('id')");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("SELECT 1");
    }
}
