using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using static Panel.Migrations.Tests.Generator.GeneratorHarness;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// The generated registry, compiled and loaded, migrates a real SQLite file through its URI entry points:
/// upgrade to head, current, downgrade to base, stamp; the version table is Alembic's.
/// </summary>
public sealed class GeneratedRegistryEndToEndTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly (string, string)[] App =
    [
        ("Sites.cs", """
            using Panel.Migrations;

            namespace App.Migrations;

            [Migration("001", Message = "Create sites")]
            public sealed class CreateSites : Migration
            {
                public override void Up(MigrationBuilder op) => op.CreateTable("sites", t => t
                    .Column("id", SqlType.Integer, primaryKey: true)
                    .Column("name", SqlType.String(64), nullable: false));

                public override void Down(MigrationBuilder op) => op.DropTable("sites");
            }
            """),
        ("Ssl.cs", """
            using Panel.Migrations;

            namespace App.Migrations;

            [Migration("3f2a9c1d7b10", DownRevision = "001", Message = "Add SSL column to sites")]
            public sealed class AddSslToSites : Migration
            {
                public override void Up(MigrationBuilder op) =>
                    op.BatchAlterTable("sites", t => t.AddColumn("ssl_enabled", SqlType.Boolean, nullable: false, serverDefault: "0"));

                public override void Down(MigrationBuilder op) => op.Execute("ALTER TABLE sites DROP COLUMN ssl_enabled");
            }
            """),
        ("Entry.cs", """
            using System.Threading.Tasks;

            namespace App;

            public static class Entry
            {
                public static async Task<string> UpgradeAsync(string uri)
                {
                    await MigrationRegistry.UpgradeAsync("head", uri);
                    return string.Join(",", await MigrationRegistry.CurrentAsync(uri));
                }

                public static async Task<string> DowngradeAsync(string uri)
                {
                    await MigrationRegistry.DowngradeAsync("base", uri);
                    return string.Join(",", await MigrationRegistry.CurrentAsync(uri));
                }

                public static async Task<string> StampAsync(string uri, string target)
                {
                    await MigrationRegistry.StampAsync(target, uri);
                    return string.Join(",", await MigrationRegistry.CurrentAsync(uri));
                }
            }
            """),
    ];

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var (output, _, _) = Generate(Compile(App));
        Assert.Empty(Problems(output));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(stream.ToArray());
    });

    private static Task<string> Call(string method, params object[] arguments) =>
        (Task<string>)Compiled.Value.GetType("App.Entry", throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments)!;

    private static string[] Columns(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('sites') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var names = new System.Collections.Generic.List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names.ToArray();
    }

    [Fact]
    public async Task Upgrade_to_head_then_downgrade_to_base_through_the_generated_registry()
    {
        var path = _files.NewPath();
        var uri = "sqlite:///" + path;
        Assert.StartsWith("sqlite:////", uri, StringComparison.Ordinal);

        Assert.Equal("3f2a9c1d7b10", await Call("UpgradeAsync", uri));
        Assert.Equal(["id", "name", "ssl_enabled"], Columns(path));

        Assert.Equal("", await Call("DowngradeAsync", uri));
        Assert.Empty(Columns(path));

        Assert.Equal("001", await Call("StampAsync", uri, "001"));
        Assert.Empty(Columns(path));
    }

    [Fact]
    public void Registry_lists_the_revisions_heads_and_bases()
    {
        var registry = Compiled.Value.GetType("App.MigrationRegistry", throwOnError: true)!;
        var map = (MigrationMap)registry.GetProperty("Map")!.GetValue(null)!;
        var heads = (System.Collections.Generic.IReadOnlyList<string>)registry.GetProperty("Heads")!.GetValue(null)!;
        var bases = (System.Collections.Generic.IReadOnlyList<string>)registry.GetProperty("Bases")!.GetValue(null)!;

        Assert.Equal(["001", "3f2a9c1d7b10"], map.Migrations.Select(m => m.Revision));
        Assert.Equal("Add SSL column to sites", map["3f2a9c1d7b10"].Message);
        Assert.Equal("App.Migrations.AddSslToSites", map["3f2a9c1d7b10"].TypeName);
        Assert.IsType(Compiled.Value.GetType("App.Migrations.CreateSites")!, map["001"].Factory());
        Assert.Equal(["3f2a9c1d7b10"], heads);
        Assert.Equal(["001"], bases);
    }
}
