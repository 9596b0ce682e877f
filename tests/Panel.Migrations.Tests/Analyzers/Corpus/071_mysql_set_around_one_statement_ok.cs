// expect: 
// dialects: mysql
// Session settings run again harmlessly; the one real statement is resumed on its own.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("071", DownRevision = "000")]
[AcknowledgeDataLoss("old_logs was emptied in release 7.2")]
[Irreversible("the table is not brought back")]
public sealed class M071 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("SET foreign_key_checks = 0; DROP TABLE old_logs; SET foreign_key_checks = 1");
    }
}
