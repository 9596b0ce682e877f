using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// The columns aaPanel's <c>class/jobs.py</c> adds to <c>crontab</c> on start, in its order:
/// status..urladdress (6.0.5/6.6.7: state, how many backups to keep and where, the script's name, body and
/// type, the URL to call) and save_local, notice, notice_channel (6.8.12: keep a local copy, alert on failure).
/// </summary>
[Migration("77b32a0cf307", DownRevision = "5a1c0e7d9b21", Message = "add crontab schedule, backup and notice columns")]
public sealed class AddCrontabScheduleColumns : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("crontab", t => t
            .AddColumn("status", SqlType.Integer, serverDefault: "1", ifNotExists: true)
            .AddColumn("save", SqlType.Integer, serverDefault: "3", ifNotExists: true)
            // aaPanel writes DEFAULT off, a bare word SQLite takes as the string 'off'.
            .AddColumn("backupTo", SqlType.Text, serverDefault: "'off'", ifNotExists: true)
            .AddColumn("sName", SqlType.Text, ifNotExists: true)
            .AddColumn("sBody", SqlType.Text, ifNotExists: true)
            .AddColumn("sType", SqlType.Text, ifNotExists: true)
            .AddColumn("urladdress", SqlType.Text, ifNotExists: true)
            .AddColumn("save_local", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            .AddColumn("notice", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            .AddColumn("notice_channel", SqlType.Text, serverDefault: "''", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("crontab", t => t
            .DropColumn("notice_channel")
            .DropColumn("notice")
            .DropColumn("save_local")
            .DropColumn("urladdress")
            .DropColumn("sType")
            .DropColumn("sBody")
            .DropColumn("sName")
            .DropColumn("backupTo")
            .DropColumn("save")
            .DropColumn("status"));
}
