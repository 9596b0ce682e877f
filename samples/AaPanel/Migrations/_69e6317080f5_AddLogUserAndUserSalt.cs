using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// Who did what: aaPanel 6.6.7 records the acting user on each log line
/// (<c>alter TABLE logs add uid integer DEFAULT '1'</c>, <c>... add username TEXT DEFAULT 'system'</c>),
/// and 6.7.6 salts the admin passwords (<c>ALTER TABLE 'users' ADD 'salt' TEXT</c>).
/// </summary>
[Migration("69e6317080f5", DownRevision = "77b32a0cf307", Message = "add log user and user salt")]
public sealed class AddLogUserAndUserSalt : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("logs", t => t
            .AddColumn("uid", SqlType.Integer, serverDefault: "'1'", ifNotExists: true)
            .AddColumn("username", SqlType.Text, serverDefault: "'system'", ifNotExists: true));
        op.BatchAlterTable("users", t => t.AddColumn("salt", SqlType.Text, ifNotExists: true));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("users", t => t.DropColumn("salt"));
        op.BatchAlterTable("logs", t => t
            .DropColumn("username")
            .DropColumn("uid"));
    }
}
