using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>The old guide's first example: a NOT NULL column with a server default, through a batch.</summary>
[Migration("b33b0e9ade3e", DownRevision = "b44225f914de", Message = "Add SSL column to sites")]
public sealed class AddSslColumnToSites : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t.AddColumn("ssl_enabled", SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t.DropColumn("ssl_enabled"));
}
