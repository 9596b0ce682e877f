using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Packaging;

/// <summary>
/// Runs docs/quickstart.md as a new user would, against the packed packages in a fresh temp folder: its shell commands in
/// order (each <c>dotnet add package</c> given the feed's version; the NativeAOT publish left to tests/scripts, minutes of
/// work), its <c>Program.cs</c>, and its migration with the revision <c>create</c> wrote.
/// </summary>
public sealed class QuickstartDocTests(ITestOutputHelper output) : IDisposable
{
    private readonly PackedConsumer _packed = new(output);

    public void Dispose() => _packed.Dispose();

    [Fact]
    public async Task The_quickstart_commands_create_upgrade_and_show_the_first_migration()
    {
        var doc = File.ReadAllText(RepositoryPaths.Of("docs", "quickstart.md"));
        var blocks = DocText.Blocks(doc);
        var program = Assert.Single(blocks, b => b.Language == "csharp" && b.Text.Contains("MigrationCommandLine.RunAsync", StringComparison.Ordinal)).Text;
        var migration = Assert.Single(blocks, b => b.Language == "csharp" && b.Text.Contains("[Migration(\"<revision>\"", StringComparison.Ordinal)).Text;
        var commands = blocks.Where(b => b.Language == "sh").SelectMany(b => b.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                             .Where(c => !c.StartsWith("dotnet publish", StringComparison.Ordinal)).ToList();
        Assert.Equal("dotnet new console -n MyApp -o MyApp", commands[0]);

        await _packed.PackAsync("Panel.Migrations.Runtime", "Panel.Migrations.PostgreSql", "Panel.Migrations.MySql", "Panel.Migrations.Fleet", "Panel.Migrations.Cli");
        _packed.Isolate(_packed.Root);
        var folder = _packed.Root;
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            if (command.StartsWith("cd ", StringComparison.Ordinal))
            {
                folder = Path.Combine(folder, command[3..]);
                continue;
            }
            var arguments = DocText.Words(command);
            if (command.StartsWith("dotnet add package ", StringComparison.Ordinal))
                arguments.AddRange(["--version", _packed.Version]);
            var (code, log) = await _packed.RunAsync(arguments[0], folder, [.. arguments.Skip(1)]);
            Assert.True(code == 0, $"{command}:\n{log}");
            outputs.Add(log);
            if (command.StartsWith("dotnet new ", StringComparison.Ordinal))
                File.WriteAllText(Path.Combine(folder, "MyApp", "Program.cs"), program);
            if (command.Contains(" create ", StringComparison.Ordinal))
            {
                var written = Assert.Single(Directory.GetFiles(Path.Combine(folder, "Migrations"), "_*_CreateNotesTable.cs"));
                var revision = Path.GetFileName(written).Split('_')[1];
                Assert.Contains("namespace MyApp.Migrations;", File.ReadAllText(written), StringComparison.Ordinal);
                File.WriteAllText(written, migration.Replace("<revision>", revision, StringComparison.Ordinal));
            }
        }

        var created = Path.GetFileName(Directory.GetFiles(Path.Combine(_packed.Root, "MyApp", "Migrations")).Single()).Split('_')[1];
        Assert.Contains($"Running upgrade  -> {created}, create notes table", outputs[^2], StringComparison.Ordinal);
        Assert.Contains(created + " (head)", outputs[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_packed.Root, "MyApp", "data", "default.db")));

        // `create` from another folder still writes into the project, in its namespace: the build recorded both.
        var (elsewhere, elsewhereLog) = await _packed.RunAsync("dotnet", _packed.Root, "run", "--project", "MyApp", "--", "create", "add notes index");
        Assert.True(elsewhere == 0, elsewhereLog);
        var second = Assert.Single(Directory.GetFiles(Path.Combine(_packed.Root, "MyApp", "Migrations"), "_*_AddNotesIndex.cs"));
        Assert.Contains("namespace MyApp.Migrations;", File.ReadAllText(second), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_packed.Root, "Migrations")));
    }
}
