using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// aaPanel 6.0.5's first columns on <c>sites</c> (<c>class/jobs.py</c>):
/// <c>alter TABLE sites add type_id integer DEFAULT 0</c> (the site category, site_types.id) and
/// <c>alter TABLE sites add edate integer DEFAULT '0000-00-00'</c> (the expiry date).
/// </summary>
[Migration("5a1c0e7d9b21", DownRevision = "001", Message = "add site type")]
public sealed class AddSiteType : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t
            .AddColumn("type_id", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            // A 'YYYY-MM-DD' string in a column aaPanel declares integer (text on the servers).
            .AddColumn("edate", op.TextDeclaredAs("integer"), serverDefault: "'0000-00-00'", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t
            .DropColumn("edate")
            .DropColumn("type_id"));
}
