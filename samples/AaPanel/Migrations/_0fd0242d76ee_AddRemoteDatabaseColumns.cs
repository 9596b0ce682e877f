using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// Remote database servers (aaPanel 6.8.27/6.8.37): a database records its engine, its connection and the
/// server it lives on (<c>databases.db_type</c>, <c>conn_config</c>, <c>sid</c> → database_servers.id,
/// <c>type</c>), a server records its engine (<c>database_servers.db_type</c>), and a backup gets a note
/// (<c>backup.ps</c>).
/// </summary>
/// <remarks>
/// aaPanel's own <c>ALTER TABLE database_servers</c> runs before it creates that table, so an aaPanel panel
/// only gets <c>database_servers.db_type</c> on its second start; here it comes with the rest.
/// </remarks>
[Migration("0fd0242d76ee", DownRevision = "e7bc2a2f2252", Message = "add remote database columns")]
public sealed class AddRemoteDatabaseColumns : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.BatchAlterTable("backup", t => t.AddColumn("ps", op.TextDeclaredAs("STRING"), serverDefault: "'No'", ifNotExists: true));
        op.BatchAlterTable("databases", t => t
            .AddColumn("db_type", SqlType.Integer, serverDefault: "'0'", ifNotExists: true)
            .AddColumn("conn_config", op.TextDeclaredAs("STRING"), serverDefault: "'{}'", ifNotExists: true)
            .AddColumn("sid", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            // aaPanel writes DEFAULT MySQL, a bare word SQLite takes as the string 'MySQL'.
            .AddColumn("type", SqlType.Text, serverDefault: "'MySQL'", ifNotExists: true));
        // Text declared REAL, like the other database_servers columns.
        op.BatchAlterTable("database_servers", t => t.AddColumn("db_type", op.TextDeclaredAs("REAL"), serverDefault: "'mysql'", ifNotExists: true));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("database_servers", t => t.DropColumn("db_type"));
        op.BatchAlterTable("databases", t => t
            .DropColumn("type")
            .DropColumn("sid")
            .DropColumn("conn_config")
            .DropColumn("db_type"));
        op.BatchAlterTable("backup", t => t.DropColumn("ps"));
    }
}
