using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;
using static Panel.Migrations.Tests.Generator.GeneratorHarness;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// The generated registry, compared with checked-in golden files (PANEL_UPDATE_SNAPSHOTS=1 rewrites them), and
/// proof that it compiles without a warning in a nullable, documented consumer whatever the order of the files.
/// </summary>
public class GeneratorSnapshotTests
{
    // A branch (002a, 002b) joined by a merge (003), a label, a dependency, a hostile message, a nested class.
    private static readonly (string, string)[] Branched =
    [
        ("Init.cs", Migration("Init", "\"001\", Message = \"Create sites\"")),
        ("AddSsl.cs", Migration("AddSsl", "\"002a\", DownRevision = \"001\", Message = \"Add \\\"ssl\\\" to sites\\\\panel\", BranchLabels = new[] { \"ssl\" }")),
        ("AddLogs.cs", Migration("AddLogs", "\"002b\", DownRevision = \"001\", DependsOn = new[] { \"002a\" }")),
        ("Merge.cs", """
            using Panel.Migrations;

            namespace App.Migrations;

            public static class Holder
            {
                [Migration("003", DownRevisions = new[] { "002a", "002b" }, Message = "Merge")]
                public sealed class MergeHeads : Migration
                {
                    public override void Up(MigrationBuilder op) { }
                }
            }
            """),
        ("Program.cs", """
            namespace App;

            public static class Use
            {
                public static async System.Threading.Tasks.Task RunAsync()
                {
                    await MigrationRegistry.UpgradeAsync();
                    await MigrationRegistry.UpgradeAsync("head", "sqlite:///data/x.db");
                    await MigrationRegistry.DowngradeAsync("-1");
                    _ = await MigrationRegistry.CurrentAsync();
                    await MigrationRegistry.StampAsync("001", System.Threading.CancellationToken.None);
                    await MigrationRegistry.UpgradeAsync(Panel.Migrations.MigrationOptions.ForSqlite("x.db"));
                    _ = MigrationRegistry.Heads.Count + MigrationRegistry.Bases.Count + MigrationRegistry.Map.Migrations.Count;
                }
            }
            """),
    ];

    [Fact]
    public void Branched_graph_matches_the_golden_file_and_compiles_cleanly()
    {
        var (output, registry, _) = Generate(Compile(Branched));

        MatchesSnapshot("MigrationRegistry", registry);
        Assert.Empty(Problems(output));
        // The table the runtime reads back holds every declared field, the hostile message included.
        WithMap(output, map =>
        {
            Assert.Equal(["001", "002a", "002b", "003"], map.Migrations.Select(m => m.Revision));
            var ssl = map["002a"];
            Assert.Equal("Add \"ssl\" to sites\\panel", ssl.Message);
            Assert.Equal(["001"], ssl.DownRevisions);
            Assert.Equal(["ssl"], ssl.Node.BranchLabels);
            Assert.Equal("App.Migrations.AddSsl", ssl.TypeName);
            Assert.Equal(["002a"], map["002b"].Node.DependsOn);
            Assert.Equal(["002a", "002b"], map["003"].DownRevisions);
            Assert.Equal("App.Migrations.Holder.MergeHeads", map["003"].TypeName);
            Assert.IsType<Migration>(map["003"].Factory(), exactMatch: false);
            Assert.Equal("", map["002b"].Message);
        });
    }

    [Fact]
    public void A_referenced_provider_package_is_registered_by_a_module_initializer()
    {
        var migrations = Compile(("Init.cs", Migration("Init", "\"001\"")));
        var postgres = MetadataReference.CreateFromFile(typeof(PostgreSqlProvider).Assembly.Location);
        var mysql = MetadataReference.CreateFromFile(typeof(MySqlProvider).Assembly.Location);

        var (output, registry, _) = Generate(migrations.AddReferences(postgres, mysql));

        MatchesSnapshot("Providers", registry);
        Assert.Empty(Problems(output));
        // Only what is referenced: a SQLite app's registry names no provider at all.
        Assert.DoesNotContain("MySqlProvider", Generate(migrations.AddReferences(postgres)).Registry, System.StringComparison.Ordinal);
        Assert.DoesNotContain("ModuleInitializer", Generate(migrations).Registry, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_without_transaction_says_so_in_the_registry()
    {
        var (output, registry, _) = Generate(Compile(
            ("A.cs", Migration("A", "\"001\"")),
            ("B.cs", Migration("B", "\"002\", DownRevision = \"001\", Transaction = MigrationTransaction.None"))));

        Assert.Contains("16:App.Migrations.B4:none32:", registry);
        Assert.Contains("16:App.Migrations.A0:32:", registry);
        Assert.Empty(Problems(output));
        WithMap(output, map =>
        {
            Assert.Equal(MigrationTransaction.None, map["002"].Transaction);
            Assert.Equal(MigrationTransaction.Default, map["001"].Transaction);
        });
    }

    // 001 <- 002 <- 003 <- 004, and s01 replacing 001..003 while they are still in the build.
    private static readonly (string, string)[] Squashed =
    [
        ("A.cs", Migration("A", "\"001\"")),
        ("B.cs", Migration("B", "\"002\", DownRevision = \"001\"")),
        ("C.cs", Migration("C", "\"003\", DownRevision = \"002\"")),
        ("D.cs", Migration("D", "\"004\", DownRevision = \"003\"")),
        ("S.cs", Migration("S", "\"s01\", Message = \"Squash 001..003\", Replaces = new[] { \"001\", \"002\", \"003\" }")),
    ];

    [Fact]
    public void A_squash_carries_what_it_replaces_into_the_registry()
    {
        var (output, registry, _) = Generate(Compile(Squashed));

        MatchesSnapshot("Squash", registry);
        Assert.Empty(Problems(output));
        WithMap(output, map =>
        {
            Assert.Equal(["001", "002", "003"], map["s01"].Replaces);
            Assert.Empty(map["003"].Replaces);
            var squash = Assert.Single(map.Graph.Squashes);
            Assert.Equal(("s01", "003", true), (squash.Squash, squash.End, squash.ReplacedInBuild));
            Assert.Equal("App.Migrations.S", map["s01"].Factory().GetType().FullName);
        });
    }

    [Fact]
    public void A_squash_whose_range_is_deleted_stands_under_the_last_replaced_id()
    {
        var (output, registry, _) = Generate(Compile(Squashed.Where(f => f.Item1 is "D.cs" or "S.cs").ToArray()));

        Assert.Empty(Problems(output));
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<string> Heads { get; } = new string[] { \"004\" };", registry);
        WithMap(output, map =>
        {
            Assert.Equal(["003", "004"], map.Graph.UpgradeOrder);
            Assert.Equal("App.Migrations.S", map["003"].Factory().GetType().FullName);
            Assert.Equal("Squash 001..003", map["003"].Message);
        });
    }

    // 250 revisions in a line: one table, a factory in three parts.
    private static readonly (string, string)[] LongHistory = Enumerable.Range(1, 250)
        .Select(i => ($"M{i}.cs", Migration($"M{i}", i == 1 ? "\"r1\"" : $"\"r{i}\", DownRevision = \"r{i - 1}\"")))
        .ToArray();

    [Fact]
    public void A_long_history_is_registered_in_one_table_and_a_factory_in_parts_that_compile()
    {
        var (output, registry, _) = Generate(Compile(LongHistory));

        Assert.Empty(Problems(output));
        Assert.Matches("    \"4:r2501#4:r2490:0#0#19:App.Migrations.M2500:32:[0-9a-f]{32}\\\\n\";", registry);
        Assert.DoesNotContain("new global::Panel.Migrations.MigrationInfo(", registry);
        Assert.Contains("case 2: return Create2(index);", registry);
        Assert.Contains("private static global::Panel.Migrations.Migration Create2(int index)", registry);
        Assert.Contains("case 249: return new global::App.Migrations.M250();", registry);
        Assert.DoesNotContain("Create3(", registry);
    }

    [Fact]
    public void Every_revision_of_a_long_history_creates_its_own_class()
    {
        var (output, _, _) = Generate(Compile(LongHistory));

        WithMap(output, map =>
        {
            foreach (var info in map.Migrations)
            {
                Assert.Equal(info.TypeName, info.Factory().GetType().FullName);
            }

            Assert.Equal(250, map.Migrations.Count);
        });
    }

    // Compiles the generated registry, loads it and hands its map to the checks.
    private static void WithMap(Microsoft.CodeAnalysis.Compilation output, System.Action<MigrationMap> check)
    {
        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        var context = new AssemblyLoadContext("registry", isCollectible: true);
        try
        {
            var registry = context.LoadFromStream(new MemoryStream(image.ToArray())).GetType("App.MigrationRegistry", throwOnError: true)!;
            check((MigrationMap)registry.GetProperty("Map")!.GetValue(null)!);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_the_files()
    {
        var (_, forward, _) = Generate(Compile(Branched));
        var (_, backward, _) = Generate(Compile(Branched.Reverse().ToArray()));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Invalid_graph_gives_a_stub_that_compiles()
    {
        var (output, registry, _) = Generate(Compile(
            ("A.cs", Migration("A", "\"001\"")),
            ("B.cs", Migration("B", "\"002\", DownRevision = \"404\"")),
            ("C.cs", """
                using Panel.Migrations;

                namespace App.Migrations;

                [Migration("003", DownRevision = "001")]
                public abstract class Broken : Migration
                {
                }
                """)));

        MatchesSnapshot("InvalidGraph", registry);
        Assert.Empty(Problems(output));
    }

    [Theory]
    [InlineData("App", null, "namespace App")]
    [InlineData("App", "Company.Data", "namespace Company.Data")]
    [InlineData("My-App.2nd", null, "namespace My_App._2nd")]
    [InlineData("", null, "public static partial class MigrationRegistry")]
    public void Namespace_is_the_root_namespace_unless_overridden(string root, string? overridden, string expected)
    {
        var properties = new Dictionary<string, string> { ["RootNamespace"] = root };
        if (overridden is not null)
        {
            properties["PanelMigrationsRegistryNamespace"] = overridden;
        }

        var (output, registry, _) = Generate(Compile(("A.cs", Migration("A", "\"001\""))), properties);

        Assert.Contains("\n" + expected + "\n", registry);
        Assert.Equal(root.Length > 0, registry.Contains("\nnamespace ", System.StringComparison.Ordinal));
        Assert.Empty(Problems(output));
    }

    [Fact]
    public void Nothing_is_emitted_without_the_runtime()
    {
        var compilation = Compile(("A.cs", "namespace App; public class A { }"));
        var bare = compilation.RemoveReferences(compilation.References.Last());

        var (_, registry, _) = Generate((Microsoft.CodeAnalysis.CSharp.CSharpCompilation)bare);

        Assert.Equal("", registry);
    }
}
