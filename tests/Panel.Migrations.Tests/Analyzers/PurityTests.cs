using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

public class PurityTests
{
    [Fact]
    public Task PMIG020_fires_on_clock_guid_random_environment() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Seed : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.Execute("UPDATE sites SET addtime = @t, token = @g, n = @n WHERE addtime IS NULL",
                    new SqlArgument("t", {|PMIG020:DateTime.Now|}), new SqlArgument("g", {|PMIG020:Guid.NewGuid()|}),
                    new SqlArgument("n", {|PMIG020:new Random()|}.Next()), new SqlArgument("m", {|PMIG020:Environment.MachineName|}));
            }
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET token = NULL WHERE stamp = @s", new SqlArgument("s", {|PMIG020:DateTimeOffset.UtcNow|}));
        }
        """);

    [Fact]
    public Task PMIG021_fires_on_built_sql_and_PMIG023_on_unbounded_changes() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Fix : Migration
        {
            private readonly string root = "/www";
            public override void Up(MigrationBuilder op)
            {
                var id = 3;
                op.Execute({|PMIG021:$"UPDATE sites SET path = '{root}/wwwroot' WHERE id = {id}"|});
                op.Execute({|PMIG021:"UPDATE sites SET path = '" + root + "' WHERE id = 1"|});
                var sql = string.Format("DELETE FROM logs WHERE site = {0}", id);
                op.Execute({|PMIG021:sql|});
                {|PMIG023:op.Execute("UPDATE sites SET ps = ''")|};
                {|PMIG023:op.Execute("DELETE FROM logs")|};
            }
            public override void Down(MigrationBuilder op) => op.Execute("SELECT 1");
        }
        """);

    [Fact]
    public Task PMIG021_silent_on_constants_and_parameters() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Fix : Migration
        {
            private const string Table = "sites";
            public override void Up(MigrationBuilder op)
            {
                op.Execute($"UPDATE {Table} SET path = @path WHERE id = @id", new SqlArgument("path", "/www/x"), new SqlArgument("id", 3));
                op.Execute("UPDATE " + nameof(Table) + " SET ps = '' WHERE ps IS NULL");
            }
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET path = NULL WHERE id = 3");
        }
        """);

    [Fact]
    public Task PMIG022_fires_on_io_and_application_code() => Verify.Analyzer("""
        public static class SiteService { public static string DefaultPath() => "/www"; }

        [Migration("002", DownRevision = "001")]
        public sealed class Fix : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                var text = {|PMIG022:System.IO.File.ReadAllText("seed.sql")|};
                op.Execute("UPDATE sites SET path = @p WHERE path IS NULL", new SqlArgument("p", {|PMIG022:SiteService.DefaultPath()|}));
                op.Execute("UPDATE sites SET note = @t WHERE note IS NULL", new SqlArgument("t", text));
            }
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET path = NULL WHERE path = '/www'");
        }
        """);

    [Fact]
    public Task PMIG022_silent_on_own_helpers_and_path() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Fix : Migration
        {
            private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";
            public override void Up(MigrationBuilder op) =>
                op.Execute("UPDATE sites SET path = @p WHERE path IS NULL", new SqlArgument("p", System.IO.Path.Combine("/www", Quote("x"))));
            public override void Down(MigrationBuilder op) => op.Execute("UPDATE sites SET path = NULL WHERE path = '/www'");
        }
        """);

    [Fact]
    public Task PMIG022_silent_on_shared_helpers_that_are_handed_the_builder() => Verify.Analyzer("""
        public static class Tables
        {
            public static void CreateSites(MigrationBuilder op) => op.CreateTable("sites", t => t.Column("id", SqlType.Integer, primaryKey: true));
            public static SqlType Legacy(this MigrationBuilder op, string declared) => op.Database == DatabaseKind.Sqlite ? SqlType.Custom(declared) : SqlType.Text;
        }

        [Migration("002", DownRevision = "001")]
        public sealed class Baseline : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                Tables.CreateSites(op);
                op.BatchAlterTable("sites", t => t.AddColumn("port", op.Legacy("REAL")));
            }
            // The helper's CreateTable is not followed (documented), so the drop counts as data loss; PMIG022 stays silent.
            public override void Down(MigrationBuilder op) => {|PMIG003:op.DropTable("sites")|};
        }
        """);
}
