// expect: 
// dialects: sqlite,postgresql
// Each branch is checked for the database it runs on only.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("057", DownRevision = "000")]
public sealed class M057 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        if (op.Database == DatabaseKind.Sqlite)
            op.BatchAlterTable("sites", t => t.AlterColumn("ps", nullable: true));
        else
            op.AlterColumn("sites", "ps", nullable: true);
    }

    public override void Down(MigrationBuilder op)
    {
        if (op.Database != DatabaseKind.PostgreSql)
            op.BatchAlterTable("sites", t => t.AlterColumn("ps", nullable: false));
        else
            op.Execute("ALTER TABLE sites ALTER COLUMN ps SET NOT NULL");
    }
}
