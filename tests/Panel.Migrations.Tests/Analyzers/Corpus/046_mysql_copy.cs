// expect: PMIG061
// dialects: mysql
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("046", DownRevision = "000")]
public sealed class M046 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites ADD INDEX ix_a (a), ALGORITHM=COPY");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE sites DROP INDEX ix_a");
    }
}
