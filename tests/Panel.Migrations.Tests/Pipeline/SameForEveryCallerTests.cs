using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Panel.Migrations.Hosting;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// The command line, <c>AddPanelMigrations</c> and <see cref="MigrationRunner"/> go through one pipeline: the same refusal
/// in the same words, and the same automatic backup, for the same database.
/// </summary>
public sealed class SameForEveryCallerTests : IDisposable
{
    private static readonly MigrationMap TwoSteps = TestMigrations.Graph("001", "002 <- 001");
    private readonly CliHarness _cli = new(TwoSteps);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_unversioned_schema_is_refused_in_the_same_words_by_each_caller()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE t_001 (id INTEGER PRIMARY KEY)");
        var options = MigrationOptions.FromUri(_cli.DatabaseUri);
        var before = Hash(_cli.DatabasePath);

        var cli = await _cli.RunAsync("upgrade");
        var hosted = await Assert.ThrowsAsync<MigrationException>(() => StartHostAsync(options));
        var direct = await Assert.ThrowsAsync<MigrationRefusedException>(() => new MigrationRunner(TwoSteps, options).UpgradeAsync());

        Assert.Equal(3, cli.ExitCode);
        Assert.Equal(["FAILED: " + direct.Message], cli.ErrorLines);
        Assert.Equal(direct.Message, Assert.IsType<MigrationRefusedException>(hosted.InnerException).Message);
        Assert.Equal(before, Hash(_cli.DatabasePath));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_cli.DatabasePath)!, "backups")), "a refused run takes no backup");
    }

    [Fact]
    public async Task Each_caller_backs_up_the_database_as_it_was_before_its_upgrade()
    {
        await _cli.RunAsync("upgrade", "001", "--no-backup");
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_cli.DatabasePath)!;
        var atBase = Path.Combine(folder, "at-001.db.keep");
        File.Copy(_cli.DatabasePath, atBase);
        var rows = CliHarness.Query(_cli.DatabasePath, "SELECT version_num FROM alembic_version");

        // The command line, then the host, then the API, each on a copy of the same database at 001.
        var cli = await _cli.RunAsync("upgrade");
        Assert.Equal(0, cli.ExitCode);
        var viaCli = Assert.Single(Directory.GetFiles(Path.Combine(folder, "backups")));
        Assert.Contains($"Backup: {viaCli} (at 001, integrity check ok)", cli.OutLines);

        var hostDatabase = Path.Combine(folder, "host.db");
        File.Copy(atBase, hostDatabase);
        await StartHostAsync(MigrationOptions.ForSqlite(hostDatabase));
        var viaHost = Assert.Single(Directory.GetFiles(Path.Combine(folder, "backups"), "host_backup_*.db"));

        var apiDatabase = Path.Combine(folder, "api.db");
        File.Copy(atBase, apiDatabase);
        var result = await new MigrationRunner(TwoSteps, MigrationOptions.ForSqlite(apiDatabase) with { Backup = new BackupOptions() }).UpgradeAsync();
        var viaApi = Assert.Single(Directory.GetFiles(Path.Combine(folder, "backups"), "api_backup_*.db"));
        Assert.Equal(viaApi, result.Backup);

        foreach (var backup in new[] { viaCli, viaHost, viaApi })
        {
            Assert.Equal(rows, CliHarness.Query(backup, "SELECT version_num FROM alembic_version"));
            Assert.Equal(["t_001"], CliHarness.Query(backup, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't_%'"));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }
    }

    private static async Task StartHostAsync(MigrationOptions database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPanelMigrations(TwoSteps, o =>
        {
            o.Migration = database;
            o.UpgradeOnStart = true;
        });
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    private static string Hash(string path)
    {
        SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}
