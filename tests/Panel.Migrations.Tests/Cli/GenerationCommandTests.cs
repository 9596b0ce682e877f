using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>create and merge: the exact file they write, and Alembic's refusals.</summary>
public sealed class GenerationCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    public GenerationCommandTests() => _cli.Configure = o => o with { RootNamespace = "AaPanel" };

    private string Folder => Path.Combine(_cli.Folder, "Migrations");

    [Fact]
    public async Task Create_writes_a_migration_on_the_head()
    {
        var run = await _cli.RunAsync("create", "Add SSL column to sites");

        var path = Path.Combine(Folder, "_aaaa00000001_AddSslColumnToSites.cs");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            $"Generating {path} ...  done",
            "Rebuild the application (e.g. dotnet build) to compile the new migration in; until then 'history' does not show it.",
        ], run.OutLines);
        Assert.Equal(
            """
            // Revision ID: aaaa00000001
            // Revises: 002
            // Create Date: 2025-01-02 03:04:05
            using Panel.Migrations;

            namespace AaPanel.Migrations;

            /// <summary>Add SSL column to sites</summary>
            [Migration("aaaa00000001", DownRevision = "002", Message = "Add SSL column to sites")]
            public sealed class AddSslColumnToSites : Migration
            {
                /// <inheritdoc />
                public override void Up(MigrationBuilder op)
                {
                }

                /// <inheritdoc />
                public override void Down(MigrationBuilder op)
                {
                }
            }

            """,
            File.ReadAllText(path));
        Assert.False(File.Exists(_cli.DatabasePath), "create needs no database");
    }

    [Fact]
    public async Task Create_escapes_the_message_and_makes_a_valid_class_name()
    {
        _cli.Map = new MigrationMap([]);
        var run = await _cli.RunAsync("create", "2 \"quoted\" <tags> & a\\slash", "--rev-id", "3f2a9c1d7b10");

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(Path.Combine(Folder, "_3f2a9c1d7b10_Migration2QuotedTagsASlash.cs"));
        Assert.Contains("// Revises: <base>\n", text);
        Assert.Contains("/// <summary>2 \"quoted\" &lt;tags&gt; &amp; a\\slash</summary>\n", text);
        Assert.Contains("[Migration(\"3f2a9c1d7b10\", Message = \"2 \\\"quoted\\\" <tags> & a\\\\slash\")]\n", text);
        Assert.Contains("public sealed class Migration2QuotedTagsASlash : Migration\n", text);
    }

    [Fact]
    public async Task Create_with_several_heads_asks_for_head()
    {
        _cli.Map = TestMigrations.Graph("001", "c1 <- 001", "c2 <- 001");

        var run = await _cli.RunAsync("create", "more");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["FAILED: Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge. Heads: c1, c2; pass --head REV, or run 'merge c1 c2 -m \"merge heads\"'."],
            run.ErrorLines);
        Assert.False(Directory.Exists(Folder));

        Assert.Equal(0, (await _cli.RunAsync("create", "more", "--head", "c2")).ExitCode);
        Assert.Contains("DownRevision = \"c2\"", File.ReadAllText(Path.Combine(Folder, "_aaaa00000001_More.cs")));

        var notHead = await _cli.RunAsync("create", "more", "--head", "001");
        Assert.Equal(["FAILED: Revision 001 is not a head revision; please specify --splice to create a new branch from this revision"], notHead.ErrorLines);
        Assert.Equal(0, (await _cli.RunAsync("create", "more", "--head", "001", "--splice")).ExitCode);
        Assert.Contains("DownRevision = \"001\"", File.ReadAllText(Path.Combine(Folder, "_aaaa00000002_More_aaaa00000002.cs")));
    }

    [Fact]
    public async Task Merge_writes_a_migration_with_both_parents()
    {
        _cli.Map = TestMigrations.Graph("001", "c1 <- 001", "c2 <- 001");

        var run = await _cli.RunAsync("merge", "c1", "c2", "-m", "merge heads");

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(Path.Combine(Folder, "_aaaa00000001_MergeHeads.cs"));
        Assert.Contains("// Revises: c1, c2\n", text);
        Assert.Contains("[Migration(\"aaaa00000001\", DownRevisions = new[] { \"c1\", \"c2\" }, Message = \"merge heads\")]\n", text);
        Assert.Contains("public sealed class MergeHeads : Migration\n", text);

        Assert.Equal(0, (await _cli.RunAsync("merge", "heads")).ExitCode);
        Assert.Contains("DownRevisions = new[] { \"c1\", \"c2\" }, Message = \"empty message\"", File.ReadAllText(Path.Combine(Folder, "_aaaa00000002_EmptyMessage.cs")));
    }

    [Fact]
    public async Task Merge_takes_the_revision_id_given()
    {
        _cli.Map = TestMigrations.Graph("001", "c1 <- 001", "c2 <- 001");

        var run = await _cli.RunAsync("merge", "heads", "-m", "join", "--rev-id", "abc123def456");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[Migration(\"abc123def456\", DownRevisions = new[] { \"c1\", \"c2\" }, Message = \"join\")]\n",
                        File.ReadAllText(Path.Combine(Folder, "_abc123def456_Join.cs")));
    }

    [Fact]
    public async Task Create_with_head_base_starts_a_new_base()
    {
        var run = await _cli.RunAsync("create", "other root", "--head", "base", "--rev-id", "root2");

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(Path.Combine(Folder, "_root2_OtherRoot.cs"));
        Assert.Contains("[Migration(\"root2\", Message = \"other root\")]\n", text);
        Assert.DoesNotContain("DownRevision", text);
    }

    [Fact]
    public async Task Merge_of_one_revision_or_an_unknown_one_is_refused()
    {
        var one = await _cli.RunAsync("merge", "002", "-m", "x");
        Assert.Equal(2, one.ExitCode);
        Assert.Equal(["FAILED: A merge joins at least two revisions, but '002' names only 002. Name two heads (see 'heads'), or 'heads'."], one.ErrorLines);

        var unknown = await _cli.RunAsync("merge", "002", "nope", "-m", "x");
        Assert.Equal(["FAILED: Can't locate revision identified by 'nope'. Run 'history' to list the revisions and branch labels."], unknown.ErrorLines);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task Rev_id_must_be_new_and_valid()
    {
        Assert.Equal(["FAILED: Revision 002 already exists; choose another --rev-id, or leave it out for a fresh one."], (await _cli.RunAsync("create", "x", "--rev-id", "002")).ErrorLines);
        Assert.Equal(["FAILED: 'a-b' cannot be a revision id: use 1 to 32 letters, digits or underscores, such as 12 hex digits."], (await _cli.RunAsync("create", "x", "--rev-id", "a-b")).ErrorLines);
    }

    [Fact]
    public void Default_revision_ids_are_12_hex_digits()
    {
        var id = Panel.Migrations.Cli.Generation.MigrationFile.NewRevisionId();
        Assert.Matches("^[0-9a-f]{12}$", id);
    }

    public void Dispose() => _cli.Dispose();
}
