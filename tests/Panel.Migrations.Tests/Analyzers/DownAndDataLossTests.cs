extern alias PanelAnalyzers;

using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class DownAndDataLossTests
{
    [Fact]
    public Task PMIG002_fires_on_what_Down_leaves_behind() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class AddSsl : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean));
                {|PMIG002:op.CreateIndex("ix_sites_ssl", "sites", ["ssl"])|};
            }
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("ssl"));
        }
        """);

    [Fact]
    public Task PMIG002_fires_on_empty_Down() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class AddSsl : Migration
        {
            public override void Up(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean));
            public override void {|PMIG002:Down|}(MigrationBuilder op) { }
        }
        """);

    // A partial migration is read once, from its first file, with its Up and Down wherever they are declared.
    [Fact]
    public Task PMIG002_reads_a_partial_migration_across_files() => Verify.AnalyzerFiles("""
        [Migration("002", DownRevision = "001")]
        public sealed partial class AddCerts : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
        }
        public sealed partial class AddKeys
        {
            public override void {|PMIG002:Down|}(MigrationBuilder op) { }
        }
        [Migration("004", DownRevision = "003")]
        public sealed partial class AddUsers : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true));
        }
        public sealed partial class AddUsers
        {
            public override void {|PMIG002:Down|}(MigrationBuilder op) { }
        }
        """, """
        public sealed partial class AddCerts
        {
            public override void {|PMIG002:Down|}(MigrationBuilder op) { }
        }
        [Migration("003", DownRevision = "002")]
        public sealed partial class AddKeys : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateTable("keys", t => t.Column("id", SqlType.Integer, primaryKey: true));
        }
        """);

    [Fact]
    public Task PMIG002_fires_in_a_nested_migration_class() => Verify.Analyzer("""
        public static class Panel2026
        {
            [Migration("002", DownRevision = "001")]
            public sealed class AddCerts : Migration
            {
                public override void Up(MigrationBuilder op) => op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
                public override void {|PMIG002:Down|}(MigrationBuilder op) { }
            }
        }
        """);

    [Fact]
    public Task PMIG002_silent_when_Down_undoes_Up() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class AddSsl : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("site_id", SqlType.Integer));
                op.CreateIndex("ix_certs_site", "certs", ["site_id"]);
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean).CreateIndex("ix_sites_ssl", ["ssl"]));
            }
            public override void Down(MigrationBuilder op)
            {
                op.BatchAlterTable("sites", t => t.DropIndex("ix_sites_ssl").DropColumn("ssl"));
                op.DropTable("certs");
            }
        }
        """);

    [Fact]
    public Task PMIG003_fires_on_unacknowledged_drops() => Verify.Analyzer("""
        [Irreversible("old data is gone")]
        [Migration("002", DownRevision = "001")]
        public sealed class Cleanup : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                {|PMIG003:op.DropTable("ftps_old")|};
                op.BatchAlterTable("sites", t => {|PMIG003:t.DropColumn("old_path")|});
                {|PMIG003:op.Execute("TRUNCATE TABLE logs")|};
                {|PMIG003:op.Execute("DROP TABLE IF EXISTS tmp_x")|};
            }
        }
        """);

    [Fact]
    public Task PMIG003_silent_when_acknowledged_or_undoing_Up() => Verify.Analyzer("""
        [AcknowledgeDataLoss("old_path unused since 7.0; archived")]
        [Irreversible("old data is gone")]
        [Migration("002", DownRevision = "001")]
        public sealed class Cleanup : Migration
        {
            public override void Up(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("old_path"));
        }

        [Migration("003", DownRevision = "002")]
        public sealed class AddCerts : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateTable("certs", t => t.Column("id", SqlType.Integer, primaryKey: true));
            public override void Down(MigrationBuilder op) => op.DropTable("certs");
        }
        """);

    [Fact]
    public Task PMIG005_fires_on_raw_sql_without_inverse() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Seed : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                {|PMIG005:op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL")|};
                op.BatchAlterTable("sites", t => t.AddColumn("n", SqlType.Integer));
            }
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("n"));
        }
        """);

    [Fact]
    public Task PMIG005_silent_with_inverse_sql() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Seed : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = 'x' WHERE ps IS NULL");
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = NULL WHERE ps = 'x'");
        }
        """);
}

public class DialectOptionTests
{
    [Theory]
    [InlineData(null, "Sqlite")]
    [InlineData("", "Sqlite")]
    [InlineData("sqlite;postgresql;mysql", "Sqlite, PostgreSql, MySql")]
    [InlineData("postgres,mariadb", "PostgreSql, MySql")]
    [InlineData("PostgreSQL", "PostgreSql")]
    [InlineData("oracle", "Sqlite")]
    public void Parses_the_msbuild_property(string? value, string expected) =>
        Xunit.Assert.Equal(expected, PanelAnalyzers::Panel.Migrations.Analyzers.TargetDialectsOption.Parse(value).ToString());
}
