using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Dialects;
using Panel.Migrations.Tests.Infrastructure;
using Panel.Migrations.Tests.Sample;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// aaPanel's own later ALTERs (../shared/reference/aapanel-schema.md §4.2–4.4, verbatim, every quoting style it
/// uses: none, 'single', "double", `backtick`) written as raw SQL in a migration: the analyzers stay silent, and
/// SQLite runs each of them on aaPanel's tables with a row in them, so the silence is right.
/// </summary>
public class AaPanelSqlTests
{
    private static readonly string[] LaterAlters =
    [
        "alter TABLE sites add type_id integer DEFAULT 0",
        "alter TABLE sites add edate integer DEFAULT '0000-00-00'",
        "alter TABLE sites add service_type TEXT DEFAULT ''",
        "alter TABLE sites add project_type STRING DEFAULT 'PHP'",
        "alter TABLE sites add parent_id STRING DEFAULT 0",
        "alter TABLE backup add ps STRING DEFAULT 'No'",
        "alter TABLE databases add conn_config STRING DEFAULT '{}'",
        "alter TABLE databases add type TEXT DEFAULT MySQL",
        "ALTER TABLE 'crontab' ADD 'status' INTEGER DEFAULT 1",
        "ALTER TABLE 'crontab' ADD 'backupTo' TEXT DEFAULT off",
        "ALTER TABLE 'crontab' ADD 'sName' TEXT",
        "ALTER TABLE 'crontab' ADD 'notice_channel' TEXT DEFAULT ''",
        "ALTER TABLE 'crontab' ADD 'split_value' INTEGER DEFAULT 0",
        "ALTER TABLE 'users' ADD 'salt' TEXT",
        "alter TABLE logs add uid integer DEFAULT '1'",
        "alter TABLE logs add username TEXT DEFAULT 'system'",
        "ALTER TABLE 'backup' ADD 'cron_id' INTEGER DEFAULT 0",
        "ALTER TABLE `sites` ADD COLUMN `rname` VARCHAR default \"\"",
        "ALTER TABLE \"firewall_new\" ADD \"domain\" TEXT DEFAULT \"\"",
        "ALTER TABLE \"firewall_new\" ADD \"sid\"  int DEFAULT 0",
        "ALTER TABLE \"firewall_country\" ADD \"ports\" TEXT DEFAULT \"\"",
        "ALTER TABLE 'ssl_info' ADD 'group_id' INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE 'ssl_info' ADD 'ps' INTEGER NOT NULL DEFAULT ''",
    ];

    // "ALTER TABLE 'x' ADD 'c' ..." -> "ALTER TABLE 'x' DROP 'c'", in the same quoting.
    private static string DropOf(string alter)
    {
        var words = alter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var column = words[4].Equals("COLUMN", StringComparison.OrdinalIgnoreCase) ? words[5] : words[4];
        return $"ALTER TABLE {words[2]} DROP {column}";
    }

    private static string Migration(IEnumerable<string> up, IEnumerable<string> down) => $$""""
        using Panel.Migrations;

        [Migration("a1b2c3d4e5f6", DownRevision = "000000000000")]
        public sealed class LaterAlters : Migration
        {
            public override void Up(MigrationBuilder op) => op.Execute("""
                {{string.Join(";\n        ", up)}}
                """);

            public override void Down(MigrationBuilder op) => op.Execute("""
                {{string.Join(";\n        ", down)}}
                """);
        }
        """";

    [Fact]
    public async Task aaPanels_later_alters_as_raw_sql_give_no_diagnostic()
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Migration(LaterAlters, LaterAlters.Reverse().Select(DropOf)), "sqlite");
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void SQLite_runs_each_of_them_on_a_table_with_rows()
    {
        using var files = new SqliteFiles();
        using var connection = new SqliteConnection("Data Source=" + files.NewPath() + ";Pooling=False");
        connection.Open();
        StatementRunner.Execute(connection, LegacySchema.Sql);
        StatementRunner.Execute(connection, "CREATE TABLE ssl_info (id INTEGER PRIMARY KEY, hash TEXT)");
        var ran = 0;
        foreach (var alter in LaterAlters)
        {
            var table = alter.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Trim('\'', '"', '`');
            StatementRunner.Execute(connection, $"INSERT INTO \"{table}\" DEFAULT VALUES");
            Assert.NotEmpty(StatementRunner.Rows(connection, $"SELECT 1 FROM \"{table}\""));
            StatementRunner.Execute(connection, alter);
            ran++;
        }
        Assert.Equal(LaterAlters.Length, ran);
    }

    [Fact]
    public async Task Single_quoted_drops_are_data_loss_and_the_table_is_named()
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Migration(
            ["ALTER TABLE 'crontab' DROP 'status'", "DROP TABLE 'temp_login'"],
            ["ALTER TABLE 'crontab' ADD 'status' INTEGER DEFAULT 1", "CREATE TABLE 'temp_login' ('id' INTEGER PRIMARY KEY)"]), "sqlite");
        Assert.Equal(["PMIG003", "PMIG003"], diagnostics.Select(d => d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("column 'crontab.status'"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("table 'temp_login'"));
    }

    [Fact]
    public async Task aaPanels_ADD_CONSTRAINT_is_PMIG031_on_crontab_not_on_a_question_mark()
    {
        var diagnostics = await AnalyzerRun.Diagnostics(Migration(
            ["ALTER TABLE 'crontab' ADD CONSTRAINT 'fk_type_id' FOREIGN KEY ('type_id') REFERENCES 'crontab_types' ('id')"],
            ["SELECT 1"]), "sqlite");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("PMIG031", diagnostic.Id);
        Assert.StartsWith("SQLite cannot run this ALTER TABLE on 'crontab': ADD CONSTRAINT is not supported", diagnostic.GetMessage());
    }
}
