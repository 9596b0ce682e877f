using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class DatabaseRuleTests
{
    internal static string M(string up, string down, string attributes = "", string name = "Change", string rev = "002") => $$"""
        {{attributes}}
        [Migration("{{rev}}", DownRevision = "001")]
        public sealed class {{name}} : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                {{up}}
            }
            public override void Down(MigrationBuilder op)
            {
                {{down}}
            }
        }
        """;

    [Fact]
    public Task PMIG040_fires_on_existing_tables_and_checks_Down() => Verify.Analyzer(M(
        """{|PMIG040:op.CreateIndex("ix_logs_type", "logs", ["type"])|};""",
        """op.DropIndex("ix_logs_type", "logs"); {|PMIG040:op.CreateIndex("ix_logs_old", "logs", ["old"])|};"""), dialects: "postgresql");

    [Fact]
    public Task PMIG040_silent_when_concurrent_new_table_or_not_postgresql() => Verify.Analyzer(M(
        """
        op.CreateIndex("ix_logs_type", "logs", ["type"], concurrently: true);
        op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("site", SqlType.Integer));
        op.CreateIndex("ix_certs_site", "certs", ["site"]);
        """,
        """op.DropTable("certs"); op.DropIndex("ix_logs_type", "logs");""")
        .Replace("DownRevision = \"001\"", "DownRevision = \"001\", Transaction = MigrationTransaction.None"), dialects: "postgresql");

    [Fact]
    public Task PMIG041_fires_on_concurrent_index_in_a_transaction() => Verify.Analyzer(M(
        """{|PMIG041:op.CreateIndex("ix_logs_type", "logs", ["type"], concurrently: true)|};""",
        """op.DropIndex("ix_logs_type", "logs");"""), dialects: "postgresql");

    [Fact]
    public Task PMIG042_PMIG043_PMIG045_fire_on_existing_tables() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => {|PMIG042:t
            .CreateForeignKey("fk_sites_user", ["user_id"], "users", ["id"])|}
            .{|PMIG043:CreateCheckConstraint("ck_sites_port", "port BETWEEN 1 AND 65535")|}
            .{|PMIG045:CreateUniqueConstraint("uq_sites_name", ["name"])|});
        """,
        """op.BatchAlterTable("sites", t => t.DropConstraint("uq_sites_name", ConstraintKind.Unique).DropConstraint("ck_sites_port", ConstraintKind.Check).DropConstraint("fk_sites_user", ConstraintKind.ForeignKey));"""),
        dialects: "postgresql");

    [Fact]
    public Task PMIG042_PMIG043_silent_with_validate_false() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => t
            .CreateForeignKey("fk_sites_user", ["user_id"], "users", ["id"], validate: false)
            .CreateCheckConstraint("ck_sites_port", "port BETWEEN 1 AND 65535", validate: false));
        """,
        """op.BatchAlterTable("sites", t => t.DropConstraint("ck_sites_port", ConstraintKind.Check).DropConstraint("fk_sites_user", ConstraintKind.ForeignKey));"""),
        dialects: "postgresql");

    [Fact]
    public Task PMIG046_fires_on_volatile_defaults() => Verify.Analyzer(M(
        """op.BatchAlterTable("sites", t => {|PMIG046:t.AddColumn("token", SqlType.Text, serverDefault: "gen_random_uuid()")|}.AddColumn("at", SqlType.DateTime, serverDefault: "now()"));""",
        """op.BatchAlterTable("sites", t => t.DropColumn("at").DropColumn("token"));"""), dialects: "postgresql");

    [Fact]
    public Task PMIG060_fires_on_several_ddl_for_mysql() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => t.AddColumn("a", SqlType.Integer).AddColumn("b", SqlType.Integer));
        {|PMIG060:op.CreateIndex("ix_sites_a", "sites", ["a"])|};
        """,
        """
        op.DropIndex("ix_sites_a", "sites");
        {|PMIG060:op.BatchAlterTable("sites", t => t.DropColumn("b").DropColumn("a"))|};
        """), dialects: "mysql");

    [Fact]
    public Task PMIG060_silent_with_one_ddl_and_data() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => t.AddColumn("a", SqlType.Integer).AddColumn("b", SqlType.Integer));
        op.Execute("UPDATE sites SET a = 1 WHERE a IS NULL");
        """,
        """
        op.Execute("UPDATE sites SET a = NULL WHERE a = 1");
        op.BatchAlterTable("sites", t => t.DropColumn("b").DropColumn("a"));
        """), dialects: "mysql");

    [Fact]
    public Task PMIG061_PMIG062_fire_for_mysql() => Verify.Analyzer(M(
        """
        {|PMIG061:op.Execute("ALTER TABLE sites ADD INDEX ix_a (a), ALGORITHM=COPY")|};
        """,
        """
        op.Execute("ALTER TABLE sites DROP INDEX ix_a, LOCK=NONE");
        """) + M("""op.BatchAlterTable("sites", t => {|PMIG062:t.CreateForeignKey("fk_u", ["user_id"], "users", ["id"])|});""",
                 """op.BatchAlterTable("sites", t => t.DropConstraint("fk_u", ConstraintKind.ForeignKey));""", name: "Fk", rev: "003"), dialects: "mysql");

    [Fact]
    public Task PMIG033_PMIG034_fire_across_migrations() => Verify.Analyzer(
        M("""
          op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("email", SqlType.Text));
          op.CreateTable("sites", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("user_id", SqlType.Integer)
                                        .ForeignKey("fk_sites_user", ["user_id"], "users", ["id"], ReferentialAction.Cascade));
          op.CreateIndex("ix_users_email", "users", ["email"]);
          """, """op.DropTable("sites"); op.DropTable("users");""", name: "Init", rev: "001") +
        M("""
          {|PMIG033:op.BatchAlterTable("users", t => t.AddColumn("note", SqlType.Text))|};
          """, """{|PMIG033:op.BatchAlterTable("users", t => t.DropColumn("note"))|};""", name: "Note") +
        M("""
          {|PMIG033:op.BatchAlterTable("users", t => {|PMIG003:{|PMIG034:t.DropColumn("email")|}|})|};
          """, """{|PMIG033:op.BatchAlterTable("users", t => t.AddColumn("email", SqlType.Text))|};""", name: "NoEmail", rev: "003"),
        dialects: "sqlite");

    [Fact]
    public Task PMIG034_silent_when_the_index_is_dropped_first() => Verify.Analyzer(
        M("""
          op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("email", SqlType.Text));
          op.CreateIndex("ix_users_email", "users", ["email"]);
          """, """op.DropTable("users");""", name: "Init", rev: "001") +
        M("""
          op.DropIndex("ix_users_email", "users");
          op.BatchAlterTable("users", t => t.DropColumn("email"));
          """, """
          op.BatchAlterTable("users", t => t.AddColumn("email", SqlType.Text));
          op.CreateIndex("ix_users_email", "users", ["email"]);
          """, name: "NoEmail", attributes: """[AcknowledgeDataLoss("emails moved to contacts in 001")]"""));
}
