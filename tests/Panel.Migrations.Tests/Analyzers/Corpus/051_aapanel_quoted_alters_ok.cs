// expect: 
// dialects: sqlite
// aaPanel's own start-up ALTERs, names in 'single', "double" and `back` quotes, undone in the same quoting.
using System;
using Panel.Migrations;
using Panel.Migrations.Operations;

[Migration("051", DownRevision = "000")]
public sealed class M051 : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE 'crontab' ADD 'status' INTEGER DEFAULT 1");
        op.Execute("ALTER TABLE 'crontab' ADD 'backupTo' TEXT DEFAULT off");
        op.Execute("ALTER TABLE \"firewall_new\" ADD \"domain\" TEXT DEFAULT \"\"");
        op.Execute("ALTER TABLE `sites` ADD COLUMN `rname` VARCHAR default \"\"");
    }

    public override void Down(MigrationBuilder op)
    {
        op.Execute("ALTER TABLE `sites` DROP COLUMN `rname`");
        op.Execute("ALTER TABLE \"firewall_new\" DROP \"domain\"");
        op.Execute("ALTER TABLE 'crontab' DROP 'backupTo'");
        op.Execute("ALTER TABLE 'crontab' DROP 'status'");
    }
}
