using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// Calls into the migration class's own helper methods and local functions are followed one level deep with the
/// call's arguments; calls in an <c>op.Database</c> branch are checked only for the databases the branch runs on.
/// </summary>
public class ReachTests
{
    [Fact]
    public Task A_direct_AlterColumn_in_a_private_helper_is_PMIG030() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Change : Migration
        {
            private static void Widen(MigrationBuilder op, string column) => {|PMIG030:op.AlterColumn("sites", column, nullable: true)|};

            public override void Up(MigrationBuilder op) => Widen(op, "port");

            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: false));
        }
        """);

    [Fact]
    public Task A_helper_of_the_projects_own_base_class_is_followed_too() => Verify.Analyzer("""
        public abstract class PanelMigration : Migration
        {
            protected static void AddFlag(MigrationBuilder op, string table, string column) =>
                {|PMIG050:op.AddColumn(table, column, SqlType.Boolean, nullable: false)|};
        }

        [Migration("002", DownRevision = "001")]
        public sealed class Change : PanelMigration
        {
            public override void Up(MigrationBuilder op) => AddFlag(op, "sites", "ssl");

            public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("ssl"));
        }
        """);

    [Fact]
    public async Task A_local_function_is_read_with_each_calls_arguments()
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Verify.Usings + """
            [Migration("002", DownRevision = "001")]
            public sealed class Change : Migration
            {
                public override void Up(MigrationBuilder op)
                {
                    void Drop(string table, string column) => op.BatchAlterTable(table, t => t.DropColumn(column));
                    Drop("sites", "ps");
                    Drop("users", "salt");
                }

                public override void Down(MigrationBuilder op)
                {
                    op.BatchAlterTable("users", t => t.AddColumn("salt", SqlType.Text));
                    op.BatchAlterTable("sites", t => t.AddColumn("ps", SqlType.Text));
                }
            }
            """, "sqlite");
        Assert.All(diagnostics, d => Assert.Equal("PMIG003", d.Id));
        Assert.Equal(["column 'sites.ps'", "column 'users.salt'"],
            diagnostics.Select(d => d.GetMessage()).Select(m => m.Substring(m.IndexOf("column '"), m.IndexOf("' in ") - m.IndexOf("column '") + 1)).Order());
    }

    [Fact]
    public Task Database_branches_limit_the_rules_to_their_databases() => Verify.Analyzer("""
        [Migration("002", DownRevision = "001")]
        public sealed class Change : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                if (op.Database == DatabaseKind.PostgreSql)
                    op.AlterColumn("sites", "port", nullable: true); // PMIG030 on SQLite
                else
                    op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: true));
                if (op.Database is not DatabaseKind.PostgreSql)
                    op.CreateIndex("ix_sites_port", "sites", ["port"]); // PMIG040 on PostgreSQL
                switch (op.Database)
                {
                    case DatabaseKind.PostgreSql:
                        op.CreateCheckConstraint("ck_port", "sites", "port > 0", validate: false); // PMIG030 on SQLite
                        break;
                    default:
                        op.CreateIndex("ix_sites_name", "sites", ["name"]); // PMIG040 on PostgreSQL
                        break;
                }
                if (!(op.Database != DatabaseKind.Sqlite))
                    {|PMIG030:op.AlterColumn("sites", "name", nullable: true)|};
            }

            public override void Down(MigrationBuilder op)
            {
                if (op.Database == DatabaseKind.PostgreSql)
                    op.DropConstraint("ck_port", "sites", ConstraintKind.Check);
                op.DropIndex("ix_sites_name", "sites");
                if (op.Database == DatabaseKind.Sqlite)
                {
                    op.DropIndex("ix_sites_port", "sites");
                    op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: false).AlterColumn("name", nullable: false)); // PMIG044 on PostgreSQL
                }
            }
        }
        """, dialects: "sqlite,postgresql");
}
