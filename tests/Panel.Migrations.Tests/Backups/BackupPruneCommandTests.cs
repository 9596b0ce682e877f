using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Backups;

/// <summary><c>backup --prune</c> on a real backups folder: the retention from flags and from the configuration file, the verified backup kept.</summary>
public sealed class BackupPruneCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    private string Folder => Path.Combine(_cli.Folder, "data", "backups");

    // A real backup copied under the names of backups taken at 12:00 on each of these days.
    private async Task<string[]> OldBackupsAsync(params string[] days)
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        var seed = Path.Combine(_cli.Folder, "seed.db");
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", seed)).ExitCode);
        Directory.CreateDirectory(Folder);
        var names = days.Select(d => $"default_backup_{d}_120000.db").ToArray();
        foreach (var name in names)
            File.Copy(seed, Path.Combine(Folder, name));
        return names;
    }

    private string[] Left() => Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Backup_prune_keeps_the_newest_the_dailies_and_the_verified_one()
    {
        await OldBackupsAsync("20241101", "20241215", "20241230", "20241231", "20250101");
        File.WriteAllText(Path.Combine(Folder, "default_backup_20241101_120000.db.verified"), "verified by a drill\n");

        var run = await _cli.RunAsync("backup", "--prune", "--keep", "1", "--keep-daily", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"Pruned 2 old backup(s) from {Folder} (newest 1, daily 3, weekly 0, monthly 0): default_backup_20241230_120000.db, default_backup_20241215_120000.db",
            run.OutLines[^1]);
        Assert.Equal(
        [
            "default_backup_20241101_120000.db", // the last verified one
            "default_backup_20241101_120000.db.verified",
            "default_backup_20241231_120000.db", // the last three days that have one: 31 Dec, 1 Jan, 2 Jan (the new one)
            "default_backup_20250101_120000.db",
            "default_backup_20250102_030405.db", // just taken (the harness's clock)
        ], Left());
    }

    [Fact]
    public async Task Backup_without_prune_deletes_nothing()
    {
        var old = await OldBackupsAsync("20241101", "20241102");

        Assert.Equal(0, (await _cli.RunAsync("backup", "--keep", "1")).ExitCode);

        Assert.Equal([.. old, "default_backup_20250102_030405.db"], Left());
    }

    [Fact]
    public async Task The_configuration_file_sets_the_retention_and_the_folder()
    {
        await OldBackupsAsync("20241101", "20241201", "20241202");
        File.WriteAllText(Path.Combine(_cli.Folder, "migrations.json"),
            """{"development": "sqlite:///data/default.db", "backups": {"keep": 1, "keepMonthly": 2}}""");

        Assert.Equal(0, (await _cli.RunAsync("backup", "--prune")).ExitCode);

        // Newest: the new one (January); monthly 2: January's and December's newest (2 December).
        Assert.Equal(["default_backup_20241202_120000.db", "default_backup_20250102_030405.db"], Left());
    }

    [Fact]
    public async Task A_bad_retention_key_is_a_clear_error_and_nothing_is_written()
    {
        var old = await OldBackupsAsync("20241101");
        var config = Path.Combine(_cli.Folder, "migrations.json");
        File.WriteAllText(config, """{"backups": {"keep": -2}}""");

        var run = await _cli.RunAsync("backup", "--prune");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"FAILED: The configuration file {config} is not valid: \"backups\".\"keep\" is not a whole number of 0 or more.", run.ErrorLines[0]);
        Assert.Equal(old, Left());
    }

    [Fact]
    public async Task A_restored_backup_is_recorded_as_verified_and_listed_so()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("backup")).ExitCode);
        var file = Path.Combine(Folder, "default_backup_20250102_030405.db");

        Assert.Equal(0, (await _cli.RunAsync("restore", file, "--no-backup")).ExitCode);

        Assert.StartsWith("verified 2025-01-02T03:04:05.0000000+00:00 restored into sqlite:///", File.ReadAllText(file + ".verified"));
        var list = await _cli.RunAsync("backup", "list");
        Assert.Equal([$"Backups of default in {Folder}: 1", $"  default_backup_20250102_030405.db  {new FileInfo(file).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes  verified"], list.OutLines);
    }

    public void Dispose() => _cli.Dispose();
}
