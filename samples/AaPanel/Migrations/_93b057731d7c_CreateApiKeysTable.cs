using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>The old guide's second example: a new table with a unique key.</summary>
[Migration("93b057731d7c", DownRevision = "b33b0e9ade3e", Message = "Create api_keys table")]
public sealed class CreateApiKeysTable : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.CreateTable("api_keys", t => t
            .Column("id", SqlType.Integer, nullable: false, primaryKey: true, autoIncrement: true)
            .Column("key", SqlType.String(64), nullable: false)
            .Column("user_id", SqlType.Integer, nullable: false)
            .Column("permissions", SqlType.Text)
            .Column("created_at", SqlType.DateTime, nullable: false)
            .Column("expires_at", SqlType.DateTime)
            .Unique("uq_api_keys_key", ["key"]));

    public override void Down(MigrationBuilder op) =>
        op.DropTable("api_keys");
}
