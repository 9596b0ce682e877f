using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class SqliteAndCompatibilityTests
{
    internal static string M(string up, string down = "", string attributes = "") => $$"""
        {{attributes}}
        [Migration("002", DownRevision = "001")]
        public sealed class Change : Migration
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
    public Task PMIG030_fires_on_direct_alter_drop_and_constraints() => Verify.Analyzer(M(
        """
        {|PMIG030:op.CreateCheckConstraint("ck_port", "sites", "port > 0")|};
        {|PMIG030:op.CreateUniqueConstraint("uq_name", "sites", ["name"])|};
        {|PMIG030:op.CreateForeignKey("fk_user", "sites", ["user_id"], "users", ["id"])|};
        """,
        """
        {|PMIG030:op.DropConstraint("fk_user", "sites", ConstraintKind.ForeignKey)|};
        {|PMIG030:op.DropConstraint("uq_name", "sites", ConstraintKind.Unique)|};
        {|PMIG030:op.DropConstraint("ck_port", "sites", ConstraintKind.Check)|};
        {|PMIG030:op.AlterColumn("sites", "port", nullable: true)|};
        """));

    [Fact]
    public Task PMIG030_silent_inside_a_batch_and_off_sqlite() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => t.CreateCheckConstraint("ck_port", "port > 0").CreateUniqueConstraint("uq_name", ["name"]));
        """,
        """
        op.BatchAlterTable("sites", t => t.DropConstraint("uq_name", ConstraintKind.Unique).DropConstraint("ck_port", ConstraintKind.Check));
        """));

    [Fact]
    public Task PMIG030_gated_by_dialect() => Verify.Analyzer(M(
        """op.AlterColumn("sites", "ps", serverDefault: "''");""",
        """op.AlterColumn("sites", "ps", dropServerDefault: true);"""), dialects: "mysql");

    [Fact]
    public Task PMIG030_checks_direct_DropColumn_with_PMIG003() => Verify.Analyzer(M(
        """{|PMIG003:{|PMIG030:op.DropColumn("sites", "old")|}|};""",
        """op.BatchAlterTable("sites", t => t.AddColumn("old", SqlType.Text));"""));

    [Fact]
    public Task PMIG050_fires_on_not_null_without_default() => Verify.Analyzer(M(
        """
        {|PMIG050:op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false)|};
        op.BatchAlterTable("sites", t => {|PMIG050:t.AddColumn("port", SqlType.Integer, nullable: false, serverDefault: null)|});
        """,
        """op.BatchAlterTable("sites", t => t.DropColumn("port").DropColumn("ssl"));"""), dialects: "sqlite,postgresql");

    [Fact]
    public Task PMIG050_silent_with_default_nullable_or_new_table() => Verify.Analyzer(M(
        """
        op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false, serverDefault: "0");
        op.AddColumn("sites", "note", SqlType.Text);
        op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
        // PMIG050 spares a new table, but the runtime's SQLite ADD COLUMN refuses NOT NULL without a default even
        // there (one rule, SqliteDefault.AddColumnProblem), so PMIG032 says so.
        {|PMIG032:op.AddColumn("certs", "pem", SqlType.Text, nullable: false)|};
        """,
        """
        op.DropTable("certs");
        op.BatchAlterTable("sites", t => t.DropColumn("note").DropColumn("ssl"));
        """));

    [Fact]
    public Task PMIG032_fires_on_non_constant_default_outside_a_batch() => Verify.Analyzer(M(
        """
        {|PMIG032:op.AddColumn("sites", "created", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP")|};
        {|PMIG032:op.AddColumn("sites", "n", SqlType.Integer, serverDefault: "(1+1)")|};
        """,
        """op.BatchAlterTable("sites", t => t.DropColumn("n").DropColumn("created"));"""));

    [Fact]
    public Task PMIG032_silent_in_a_batch_or_with_a_constant() => Verify.Analyzer(M(
        """
        op.BatchAlterTable("sites", t => t.AddColumn("created", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP"));
        op.AddColumn("sites", "n", SqlType.Integer, serverDefault: "-1");
        """,
        """op.BatchAlterTable("sites", t => t.DropColumn("n").DropColumn("created"));"""));

    [Fact]
    public Task PMIG031_fires_on_raw_alter_sqlite_cannot_run() => Verify.Analyzer(M(
        """
        {|PMIG031:op.Execute("ALTER TABLE sites ALTER COLUMN port TYPE bigint")|};
        {|PMIG031:op.Execute("ALTER TABLE \"sites\" ADD CONSTRAINT ck CHECK (port > 0)")|};
        {|PMIG002:{|PMIG031:op.Execute("ALTER TABLE sites ADD COLUMN code TEXT UNIQUE")|}|};
        """,
        """op.Execute("ALTER TABLE sites DROP CONSTRAINT ck");""".Replace("op.Execute", "{|PMIG031:op.Execute").Replace("\");", "\")|};")));

    [Fact]
    public Task PMIG031_silent_on_what_sqlite_supports() => Verify.Analyzer(M(
        """
        op.Execute("ALTER TABLE sites RENAME COLUMN name TO domain; ALTER TABLE sites ADD COLUMN note TEXT DEFAULT 'x'");
        """,
        """
        op.Execute("ALTER TABLE sites DROP COLUMN note; ALTER TABLE sites RENAME COLUMN domain TO name");
        """, attributes: """[AcknowledgeDataLoss("note is new in this release")]"""));

    [Fact]
    public Task PMIG051_PMIG044_fire_on_existing_columns() => Verify.Analyzer(M(
        """op.BatchAlterTable("logs", t => {|PMIG044:{|PMIG051:t.AlterColumn("id", type: SqlType.BigInteger, nullable: false)|}|});""",
        """op.BatchAlterTable("logs", t => {|PMIG051:t.AlterColumn("id", type: SqlType.Integer, nullable: true)|});"""), dialects: "sqlite,postgresql");

    [Fact]
    public Task PMIG052_fires_on_renames_and_respects_acknowledgement() => Verify.Analyzer(M(
        """
        {|PMIG052:op.RenameTable("site", "sites")|};
        op.BatchAlterTable("sites", t => {|PMIG052:t.AlterColumn("name", newName: "domain")|});
        """,
        """
        op.BatchAlterTable("sites", t => t.AlterColumn("domain", newName: "name"));
        op.RenameTable("sites", "site");
        """));

    [Fact]
    public Task PMIG052_silent_when_acknowledged() => Verify.Analyzer(M(
        """op.RenameTable("site", "sites");""",
        """op.RenameTable("sites", "site");""",
        attributes: """[AcknowledgeBreakingChange("panel is stopped while migrating")]"""));

    [Fact]
    public Task PMIG053_fires_on_long_names_for_postgresql() => Verify.Analyzer(M(
        """{|PMIG040:op.CreateIndex({|PMIG053:"ix_0123456789012345678901234567890123456789012345678901234567890123"|}, "sites", ["name"])|};""",
        """op.DropIndex({|PMIG053:"ix_0123456789012345678901234567890123456789012345678901234567890123"|}, "sites");"""), dialects: "postgresql");

    [Fact]
    public Task PMIG053_silent_on_sqlite_and_short_names() => Verify.Analyzer(M(
        """op.CreateIndex("ix_0123456789012345678901234567890123456789012345678901234567890123", "sites", ["name"]);""",
        """op.DropIndex("ix_0123456789012345678901234567890123456789012345678901234567890123", "sites");"""));
}
