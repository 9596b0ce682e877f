using System.Text.RegularExpressions;
using Xunit;
using static Panel.Migrations.Tests.Generator.GeneratorHarness;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// The fingerprint the generator records for each migration class: the same for the same tokens (comments and spacing do
/// not count), different for any edit, and none at all for a class that reaches code declared elsewhere in the project.
/// </summary>
public sealed class FingerprintTests
{
    [Fact]
    public void The_fingerprint_ignores_comments_and_spacing_and_follows_every_edit()
    {
        var plain = FingerprintOf("B", Migration("B", "\"002\""));
        var commented = FingerprintOf("B", Migration("B", "\"002\"").Replace("op.Execute(\"SELECT 1\")", "op.Execute( \"SELECT 1\" /* why */ )", System.StringComparison.Ordinal));
        var edited = FingerprintOf("B", Migration("B", "\"002\"").Replace("SELECT 1", "SELECT 11", System.StringComparison.Ordinal));

        Assert.Matches("^[0-9a-f]{32}$", plain);
        Assert.Equal(plain, commented);
        Assert.NotEqual(plain, edited);
    }

    [Fact]
    public void A_class_that_calls_project_code_outside_itself_has_no_fingerprint()
    {
        const string usesHelper = """
            using Panel.Migrations;

            namespace App.Migrations;

            public static class Tables { public const string Sites = "sites"; }

            [Migration("002")]
            public sealed class B : Migration
            {
                public override void Up(MigrationBuilder op) => op.Execute("DELETE FROM " + Tables.Sites);

                public override void Down(MigrationBuilder op) => Helper(op);

                private static void Helper(MigrationBuilder op) => op.Execute("SELECT 2");
            }
            """;
        const string usesOwnHelper = """
            using Panel.Migrations;

            namespace App.Migrations;

            [Migration("002")]
            public sealed class B : Migration
            {
                private const string Sites = "sites";

                public override void Up(MigrationBuilder op) => Helper(op, Sites);

                public override void Down(MigrationBuilder op) => op.Execute("SELECT 2");

                private static void Helper(MigrationBuilder op, string table) { var sql = "DELETE FROM " + table; op.Execute(sql); }
            }
            """;

        Assert.Equal("", FingerprintOf("B", usesHelper));
        Assert.Matches("^[0-9a-f]{32}$", FingerprintOf("B", usesOwnHelper));
    }

    private static string FingerprintOf(string className, string source)
    {
        var (output, registry, _) = Generate(Compile(("B.cs", source)));
        Assert.Empty(Problems(output));
        var row = Regex.Match(registry, $@"App\.Migrations\.{className}0:(0:|32:(?<hash>[0-9a-f]{{32}}))\\n");
        Assert.True(row.Success, registry);
        return row.Groups["hash"].Value;
    }
}
