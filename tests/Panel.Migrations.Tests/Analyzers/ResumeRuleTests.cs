using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// PMIG063: raw SQL that --resume cannot run again safely, only where each statement commits as it runs (MySQL/MariaDB;
/// SQLite and PostgreSQL under MigrationTransaction.None), never in a migration that runs in a transaction.
/// </summary>
public class ResumeRuleTests
{
    private const string None = ", Transaction = MigrationTransaction.None";

    private static string M(string up, string down, string transaction = "", string name = "Change", string rev = "002") =>
        DatabaseRuleTests.M(up, down, name: name, rev: rev).Replace("DownRevision = \"001\"", "DownRevision = \"001\"" + transaction, System.StringComparison.Ordinal);

    [Fact]
    public Task Several_statements_in_one_Execute_are_reported_on_MySQL_in_Up_and_Down() => Verify.Analyzer(M(
        """{|PMIG063:op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL")|};""",
        """{|PMIG063:op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''; UPDATE sites SET port = NULL WHERE port = 80;")|};"""), dialects: "mysql");

    [Fact]
    public Task Several_statements_are_reported_on_SQLite_only_without_a_transaction()
    {
        const string up = """op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL");""";
        const string down = """op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");""";
        return Task.WhenAll(
            Verify.Analyzer(M("{|PMIG063:" + up.TrimEnd(';') + "|};", down, None)),
            Verify.Analyzer(M(up, down)));
    }

    [Fact]
    public Task PostgreSQL_runs_one_calls_statements_all_or_none_and_a_transaction_keeps_every_database_safe() => Task.WhenAll(
        Verify.Analyzer(M("""op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL");""",
            """op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");""", None), dialects: "postgresql"),
        Verify.Analyzer(M("""op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL");""",
            """op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");"""), dialects: "sqlite,postgresql"));

    [Fact]
    public Task Only_the_MySQL_branch_of_op_Database_is_reported() => Verify.Analyzer(M(
        """
        if (op.Database == DatabaseKind.MySql)
            {|PMIG063:op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL")|};
        else
            op.Execute("UPDATE sites SET ps = '' WHERE ps IS NULL; UPDATE sites SET port = 80 WHERE port IS NULL");
        """,
        """op.Execute("UPDATE sites SET ps = NULL WHERE ps = ''");"""), dialects: "postgresql,mysql");

    [Fact]
    public Task Statements_that_fail_whole_or_run_again_harmlessly_are_not_reported_on_MySQL() => Verify.Analyzer(
        M("""op.Execute("ALTER TABLE sites ADD COLUMN a INT, ADD COLUMN b INT");""",
          """op.Execute("SET foreign_key_checks = 0; ALTER TABLE sites DROP COLUMN b, DROP COLUMN a; SET foreign_key_checks = 1");""") +
        M("""op.Execute("CREATE PROCEDURE fill() BEGIN UPDATE sites SET a = 1 WHERE a IS NULL; UPDATE sites SET b = 2 WHERE b IS NULL; END");""",
          """op.Execute("START TRANSACTION; UPDATE sites SET a = 1 WHERE a IS NULL; UPDATE sites SET b = 2 WHERE b IS NULL; COMMIT");""",
          name: "Fill", rev: "003") +
        M("""op.Execute("DROP TABLE IF EXISTS old_logs, old_tasks");""", """op.Execute("SELECT 1");""", name: "Drops", rev: "004")
            .Replace("public sealed class", "[AcknowledgeDataLoss(\"the old tables are empty\"), Irreversible(\"the old tables are not brought back\")]\npublic sealed class"),
        dialects: "mysql");

    [Fact]
    public Task A_DROP_of_several_tables_is_reported_on_MySQL_and_one_per_statement_is_not() => Verify.Analyzer(M(
        """
        {|PMIG063:op.Execute("DROP TABLE old_logs, old_tasks")|};
        {|PMIG060:op.Execute("DROP TABLE old_sites")|};
        {|PMIG063:op.Execute("DROP VIEW v_logs, v_tasks")|};
        """,
        """op.Execute("SELECT 1");""").Replace("public sealed class", "[AcknowledgeDataLoss(\"the old tables are empty\"), Irreversible(\"the old tables are not brought back\")]\npublic sealed class"),
        dialects: "mysql");

    [Fact]
    public Task A_raw_concurrent_index_is_reported_without_a_transaction_on_PostgreSQL_and_the_builder_is_not() => Verify.Analyzer(M(
        """
        {|PMIG063:op.Execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_logs_type ON logs (type)")|};
        op.CreateIndex("ix_logs_time", "logs", ["time"], concurrently: true);
        """,
        """op.DropIndex("ix_logs_time", "logs"); op.Execute("DROP INDEX CONCURRENTLY IF EXISTS ix_logs_type");""", None), dialects: "postgresql");

    [Fact]
    public async Task The_message_says_where_what_and_the_safe_form()
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Verify.Usings + M(
            """op.Execute("ALTER TABLE sites ADD COLUMN a INT; ALTER TABLE sites ADD COLUMN b INT");""",
            """op.Execute("ALTER TABLE sites DROP COLUMN b"); op.Execute("ALTER TABLE sites DROP COLUMN a");"""), "mysql");
        var message = Assert.Single(diagnostics, d => d.Id == "PMIG063").GetMessage();
        Assert.Equal("op.Execute with 2 statements in 'Change.Up' runs where each statement commits as it runs (MySQL/MariaDB): if one fails, those before " +
                     "it stay applied while the journal counts none of them, and --resume runs them all again. Pass one statement per op.Execute call, so that " +
                     "the journal counts each.", message);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PMIG063" && d.GetMessage().Contains("Down", System.StringComparison.Ordinal));
    }
}
