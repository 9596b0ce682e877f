extern alias PanelAnalyzers;

using System.Threading.Tasks;
using Panel.Migrations.CodeFixes;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class CodeFixTests
{
    [Fact]
    public Task PMIG001_fix_writes_Down_from_the_inverse_of_Up() => Verify.CodeFix<AddDownCodeFix>("""
        [AcknowledgeBreakingChange("panel is stopped while migrating")]
        [Migration("002", DownRevision = "001")]
        public sealed class {|PMIG001:AddSsl|} : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean).CreateIndex("ix_sites_ssl", ["ssl"]));
                op.RenameTable("site_log", "site_logs");
            }
        }
        """, """
        [AcknowledgeBreakingChange("panel is stopped while migrating")]
        [Migration("002", DownRevision = "001")]
        public sealed class AddSsl : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean).CreateIndex("ix_sites_ssl", ["ssl"]));
                op.RenameTable("site_log", "site_logs");
            }

            public override void Down(MigrationBuilder op)
            {
                op.RenameTable("site_logs", "site_log");
                op.BatchAlterTable("sites", t => t.DropIndex("ix_sites_ssl").DropColumn("ssl"));
                op.DropTable("certs");
            }
        }
        """, dialects: "sqlite");

    [Fact]
    public Task PMIG001_fix_writes_a_TODO_stub_when_Up_has_no_inverse() => Verify.CodeFix<AddDownCodeFix>("""
        [Migration("002", DownRevision = "001")]
        public sealed class {|PMIG001:Seed|} : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL");
        }
        """, """
        [Migration("002", DownRevision = "001")]
        public sealed class Seed : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL");

            public override void {|PMIG002:Down|}(MigrationBuilder op)
            {
                // TODO: undo Up here, in reverse order. Up has operations without an automatic inverse (drops, raw SQL,
                // type changes, data); write their inverse, or mark the class [Irreversible("reason")].
            }
        }
        """);

    [Fact]
    public Task PMIG030_fix_wraps_the_call_in_a_batch() => Verify.CodeFix<WrapInBatchCodeFix>("""
        [Migration("002", DownRevision = "001")]
        public sealed class Port : Migration
        {
            public override void Up(MigrationBuilder op) => {|PMIG030:op.CreateCheckConstraint("ck_port", "sites", "port > 0")|};
            public override void Down(MigrationBuilder op) => {|PMIG030:op.DropConstraint("ck_port", table: "sites", ConstraintKind.Check)|};
        }
        """, """
        [Migration("002", DownRevision = "001")]
        public sealed class Port : Migration
        {
            public override void Up(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.CreateCheckConstraint("ck_port", "port > 0"));
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropConstraint("ck_port", ConstraintKind.Check));
        }
        """, iterations: 2);

    [Fact]
    public Task PMIG050_fix_adds_a_server_default() => Verify.CodeFix<AddServerDefaultCodeFix>("""
        [Migration("002", DownRevision = "001")]
        public sealed class Ssl : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => {|PMIG050:t.AddColumn("ssl", SqlType.Boolean, nullable: false)|}.{|PMIG050:AddColumn("note", SqlType.String(20), false, null)|});
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("note").DropColumn("ssl"));
        }
        """, iterations: 2, fixedSource: """
        [Migration("002", DownRevision = "001")]
        public sealed class Ssl : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0").AddColumn("note", SqlType.String(20), false, "''"));
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("note").DropColumn("ssl"));
        }
        """);

    [Fact]
    public Task PMIG063_fix_passes_one_statement_per_Execute_call() => Verify.CodeFix<SplitExecuteCodeFix>("""
        [Migration("002", DownRevision = "001")]
        public sealed class Fill : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                {|PMIG063:op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL;")|};
            }
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");
        }
        """, """
        [Migration("002", DownRevision = "001")]
        public sealed class Fill : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL");
                op.Execute("UPDATE sites SET port = 80 WHERE port IS NULL");
            }
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");
        }
        """, dialects: "mysql");

    [Fact]
    public Task PMIG040_fix_creates_concurrently_outside_a_transaction() => Verify.CodeFix<ConcurrentIndexCodeFix>("""
        [Migration("002", DownRevision = "001")]
        public sealed class Ix : Migration
        {
            public override void Up(MigrationBuilder op) => {|PMIG040:op.CreateIndex("ix_logs_type", "logs", ["type"])|};
            public override void Down(MigrationBuilder op) => op.DropIndex("ix_logs_type", "logs");
        }
        """, """
        [Migration("002", DownRevision = "001", Transaction = MigrationTransaction.None)]
        public sealed class Ix : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateIndex("ix_logs_type", "logs", ["type"], concurrently: true);
            public override void Down(MigrationBuilder op) => op.DropIndex("ix_logs_type", "logs");
        }
        """, dialects: "postgresql");
}
