using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// aaPanel 8.7.0 restarts a project after a Git deployment unless told not to:
/// <c>ALTER TABLE 'site_deploy_script' ADD 'auto_restart' INTEGER DEFAULT 1</c>.
/// </summary>
[Migration("8c7222f0b38b", DownRevision = "0e7a6bfdf9fe", Message = "add deploy auto restart")]
public sealed class AddDeployAutoRestart : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("site_deploy_script", t => t.AddColumn("auto_restart", SqlType.Integer, serverDefault: "1", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("site_deploy_script", t => t.DropColumn("auto_restart"));
}
