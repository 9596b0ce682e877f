using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// aaPanel 8.9.0's sub-sites: <c>alter TABLE sites add parent_id STRING DEFAULT 0</c>, where -1 is an empty
/// main site, 0 a main site and any other value the id of the main site.
/// </summary>
[Migration("b44225f914de", DownRevision = "8c7222f0b38b", Message = "add site parent")]
public sealed class AddSiteParent : Migration
{
    public override void Up(MigrationBuilder op) =>
        // STRING (NUMERIC affinity) kept on SQLite, so '12' is stored as 12 as aaPanel's own column does.
        // The default is written '0' so that it is a valid text default on every database; SQLite stores 0 either way.
        op.BatchAlterTable("sites", t => t.AddColumn("parent_id", op.TextDeclaredAs("STRING"), serverDefault: "'0'", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t.DropColumn("parent_id"));
}
