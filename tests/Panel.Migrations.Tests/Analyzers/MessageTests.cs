using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>What the messages say: each name once, each database's own terms, what to add, and what could not be read.</summary>
public class MessageTests
{
    private static async Task<string> Message(string id, string body, string dialects = "sqlite", string attributes = "", string down = "op.Execute(\"SELECT 1\");")
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Verify.Usings + SqliteAndCompatibilityTests.M(body, down, attributes), dialects);
        return Assert.Single(diagnostics, d => d.Id == id).GetMessage();
    }

    [Fact]
    public async Task PMIG052_names_the_old_name_once()
    {
        Assert.StartsWith("Renaming column 'sites.name' to 'domain' breaks",
            await Message("PMIG052", """op.BatchAlterTable("sites", t => t.AlterColumn("name", newName: "domain"));"""));
        Assert.StartsWith("Renaming table 'site' to 'sites' breaks", await Message("PMIG052", """op.RenameTable("site", "sites");"""));
    }

    [Fact]
    public async Task PMIG046_speaks_of_the_database_that_rewrites()
    {
        var mysql = await Message("PMIG046", """op.AddColumn("sites", "token", SqlType.Text, serverDefault: "(uuid())");""", "mysql");
        Assert.Contains("MySQL", mysql);
        Assert.DoesNotContain("PostgreSQL", mysql);
        var pg = await Message("PMIG046", """op.AddColumn("sites", "token", SqlType.Text, serverDefault: "gen_random_uuid()");""", "postgresql");
        Assert.Contains("PostgreSQL rewrite", pg);
    }

    [Fact]
    public async Task PMIG004_on_SuppressMessage_says_to_add_a_Justification() =>
        Assert.Contains("Add Justification = ", await Message("PMIG004", "op.Execute(\"UPDATE sites SET ps = '' WHERE ps IS NULL\");",
            attributes: """[System.Diagnostics.CodeAnalysis.SuppressMessage("Reversibility", "PMIG005")]"""));

    [Fact]
    public async Task A_name_that_is_not_a_constant_is_said_to_be_so()
    {
        var message = await Message("PMIG030", """var table = System.Environment.NewLine.Length > 0 ? "sites" : "users"; op.AlterColumn(table, "port", nullable: true);""",
            down: """op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: false));""");
        Assert.Contains("on table '(table: not a constant)'", message);
        Assert.DoesNotContain("'?'", message);
    }
}
