using Panel.Migrations.Operations;

namespace Panel.Migrations.AotSmoke;

[Migration("001", Message = "Create sites")]
public sealed class CreateSites : Migration
{
    public override void Up(MigrationBuilder op) => op.CreateTable("sites", t => t
        .Column("id", SqlType.Integer, primaryKey: true)
        .Column("name", SqlType.String(64), nullable: false));

    public override void Down(MigrationBuilder op) => op.DropTable("sites");
}

[Migration("3f2a9c1d7b10", DownRevision = "001", Message = "Add SSL column to sites")]
public sealed class AddSslToSites : Migration
{
    public override void Up(MigrationBuilder op) =>
        op.BatchAlterTable("sites", t => t.AddColumn("ssl_enabled", SqlType.Boolean, nullable: false, serverDefault: "0"));

    public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("ssl_enabled"));
}

[Migration("4b7e1a0c9d22", DownRevision = "3f2a9c1d7b10", Message = "Seed the default site")]
public sealed class SeedDefaultSite : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.InsertRows("sites", ["id", "name"], [[1, "default"]]);
        op.Execute("UPDATE sites SET ssl_enabled = @on WHERE name = @name", new SqlArgument("on", 1), new SqlArgument("name", "default"));
    }

    public override void Down(MigrationBuilder op) => op.Execute("DELETE FROM sites WHERE id = 1");
}
