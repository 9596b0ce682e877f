using System;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Dialects;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// The analyzers and the runtime share SQLite's default rule (Runtime/Sql/SqliteDefault.cs): for every default,
/// a direct <c>op.AddColumn</c> that the analyzers report (PMIG032, or PMIG050 for NOT NULL with none) is exactly
/// one that the runtime refuses on a real SQLite table with a row, and the other way round.
/// </summary>
public class SqliteDefaultAgreementTests
{
    public static TheoryData<string?, bool> Defaults()
    {
        var data = new TheoryData<string?, bool>();
        foreach (var value in new[] { null, "0", "-1.5", "'x'", "'it''s'", "X'0A'", "NULL", "TRUE", "CURRENT_TIMESTAMP", "(1+1)", "off", "lower('A')" })
        {
            data.Add(value, true);
            data.Add(value, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task Analyzer_reports_what_the_runtime_refuses(string? serverDefault, bool nullable)
    {
        var argument = serverDefault is null ? "" : ", serverDefault: " + Literal(serverDefault);
        var diagnostics = await AnalyzerRun.Diagnostics(Verify.Usings + $$"""
            [Migration("002", DownRevision = "001")]
            public sealed class Change : Migration
            {
                public override void Up(MigrationBuilder op) => op.AddColumn("sites", "c", SqlType.Text, nullable: {{(nullable ? "true" : "false")}}{{argument}});
                public override void Down(MigrationBuilder op) => op.BatchAlterTable("sites", t => t.DropColumn("c"));
            }
            """, "sqlite");
        var reported = diagnostics.Any(d => d.Id is "PMIG032" or "PMIG050");

        using var db = new SqliteTestDatabase();
        db.Apply(op => op.CreateTable("sites", t => t.Column("id", SqlType.Integer, primaryKey: true)));
        db.Apply(op => op.InsertRows("sites", ["id"], [[1]]));
        Exception? refused = null;
        try
        {
            db.Apply(op => op.AddColumn("sites", "c", SqlType.Text, nullable, serverDefault));
        }
        catch (Exception e)
        {
            refused = e;
        }
        Assert.True(reported == (refused is not null),
            $"default {serverDefault ?? "(none)"}, nullable {nullable}: analyzers {(reported ? "report it" : "are silent")}, runtime {(refused is null ? "runs it" : "refuses it: " + refused.Message)}; "
            + string.Join("; ", diagnostics));
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
