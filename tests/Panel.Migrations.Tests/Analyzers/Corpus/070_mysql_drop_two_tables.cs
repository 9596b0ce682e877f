// expect: PMIG063
// dialects: mysql
// MariaDB drops the first table, then fails on the second (say, a foreign key still points at it).
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("070", DownRevision = "000")]
[AcknowledgeDataLoss("the two tables were emptied in release 7.2")]
[Irreversible("the tables are not brought back")]
public sealed class M070 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("DROP TABLE old_logs, old_tasks");
    }
}
