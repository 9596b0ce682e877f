// expect: 
// dialects: sqlite
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("021", DownRevision = "000")]
public sealed class M021 : Migration
{
    private const int Id = 3;

    private static void AddFlag(MigrationBuilder op, string column) =>
        op.BatchAlterTable("sites", t => t.AddColumn(column, SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Up(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET addtime = CURRENT_TIMESTAMP WHERE addtime IS NULL");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("UPDATE sites SET addtime = NULL WHERE 0 = 1");
    }
}
