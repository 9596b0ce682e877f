using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class ReversibilityTests
{
    [Fact]
    public Task PMIG001_fires_when_Down_is_missing() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class {|PMIG001:AddSsl|} : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0"));
        }
        """);

    [Fact]
    public Task PMIG001_fires_when_Down_only_throws() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class {|PMIG001:AddSsl|} : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0"));
            public override void Down(MigrationBuilder op) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task PMIG001_silent_with_Down_or_Irreversible() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class AddSsl : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0"));
            public override void Down(MigrationBuilder op) =>
                op.BatchAlterTable("sites", t => t.DropColumn("ssl"));
        }

        [Irreversible("legacy ftps_old data cannot be rebuilt")]
        [Migration("003", DownRevision = "002")]
        public sealed class Purge : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL");
        }

        public abstract class Base : Migration { }
        """);

    [Fact]
    public Task PMIG004_fires_on_empty_reasons() => Verify.Analyzer("""
        [{|PMIG004:Irreversible("")|}]
        [Migration("003", DownRevision = "002")]
        public sealed class {|PMIG001:Purge|} : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL");
        }

        [{|PMIG004:AcknowledgeDataLoss("  ")|}]
        [Migration("004", DownRevision = "003")]
        public sealed class Drop : Migration
        {
            public override void Up(MigrationBuilder op) => op.BatchAlterTable("sites", t => {|PMIG003:t.DropColumn("old")|});
            [{|PMIG004:System.Diagnostics.CodeAnalysis.SuppressMessage("Reversibility", "PMIG002")|}]
            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.AddColumn("old", SqlType.Text));
        }
        """);

    [Fact]
    public Task PMIG004_silent_with_reasons() => Verify.Analyzer("""
        [Irreversible("panel is stopped during upgrade")]
        [Migration("003", DownRevision = "002")]
        public sealed class Purge : Migration
        {
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Reversibility", "PMIG005", Justification = "data fix only")]
            public override void Up(MigrationBuilder op) => op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL");
        }
        """);
}
