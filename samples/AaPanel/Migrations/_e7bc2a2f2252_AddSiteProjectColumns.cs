using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// Sites that are not plain PHP: aaPanel 6.8.16 adds <c>project_type STRING DEFAULT 'PHP'</c> and
/// <c>project_config STRING DEFAULT '{}'</c> (a JSON document), 7.52.0 <c>service_type TEXT DEFAULT ''</c>.
/// The order is the one <c>class/jobs.py</c> runs them in, so a fresh panel's column order is aaPanel's.
/// </summary>
[Migration("e7bc2a2f2252", DownRevision = "e9ed90707fac", Message = "add site project columns")]
public sealed class AddSiteProjectColumns : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t
            .AddColumn("service_type", SqlType.Text, serverDefault: "''", ifNotExists: true)
            // STRING is no SQLite type name: NUMERIC affinity, kept on SQLite (see TextDeclaredAs).
            .AddColumn("project_type", op.TextDeclaredAs("STRING"), serverDefault: "'PHP'", ifNotExists: true)
            .AddColumn("project_config", op.TextDeclaredAs("STRING"), serverDefault: "'{}'", ifNotExists: true));

    public override void Down(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t
            .DropColumn("project_config")
            .DropColumn("project_type")
            .DropColumn("service_type"));
}
