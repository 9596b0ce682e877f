using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// aaPanel 6.8.12 delivers panel messages and retries failed sends:
/// <c>alter TABLE messages add send integer DEFAULT 0</c>, <c>... add retry_num integer DEFAULT 0</c>.
/// </summary>
[Migration("e9ed90707fac", DownRevision = "69e6317080f5", Message = "add message delivery columns")]
public sealed class AddMessageDelivery : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("messages", t => t
            .AddColumn("send", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            .AddColumn("retry_num", SqlType.Integer, serverDefault: "0", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("messages", t => t
            .DropColumn("retry_num")
            .DropColumn("send"));
}
