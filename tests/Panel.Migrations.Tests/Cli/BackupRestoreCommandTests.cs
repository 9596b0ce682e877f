using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>backup and restore on real SQLite files: a round trip keeps every row, and restore refuses what it should.</summary>
public sealed class BackupRestoreCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    private string BackupFolder => Path.Combine(_cli.Folder, "data", "backups");

    private async Task SeedAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, "INSERT INTO t_001 (id, name) VALUES (1, 'alpha'), (2, 'beta'), (3, 'o''hara')");
    }

    [Fact]
    public async Task Backup_then_restore_gives_back_every_row()
    {
        await SeedAsync();
        var expected = CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001 ORDER BY id");

        var backup = await _cli.RunAsync("backup");
        var file = Path.Combine(BackupFolder, "default_backup_20250102_030405.db");
        Assert.Equal(0, backup.ExitCode);
        Assert.Equal([$"Database: {_cli.DatabaseUri} (development, from default)", $"Backup: {file} (at 002, integrity check ok)"], backup.OutLines);

        CliHarness.Execute(_cli.DatabasePath, "DELETE FROM t_001 WHERE id > 1");
        Assert.Equal(0, (await _cli.RunAsync("downgrade", "--no-backup")).ExitCode);

        var restore = await _cli.RunAsync("restore", file);

        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(
        [
            $"Database: {_cli.DatabaseUri} (development, from default)",
            $"Backup: {Path.Combine(BackupFolder, "default_backup_20250102_030405_2.db")} (at 001, integrity check ok)",
            $"Restored {file} (at 002) into {_cli.DatabaseUri}.",
        ], restore.OutLines);
        Assert.Equal(expected, CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001 ORDER BY id"));
        Assert.Equal(["002"], _cli.VersionRows());
        Assert.Equal(["002 (head)"], (await _cli.RunAsync("current")).OutLines);
    }

    [Fact]
    public async Task Restore_with_no_backup_replaces_the_database_without_backing_it_up()
    {
        await SeedAsync();
        Assert.Equal(0, (await _cli.RunAsync("backup", "--output", "copy.db")).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, "DELETE FROM t_001");

        var restore = await _cli.RunAsync("restore", "copy.db", "--no-backup");

        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(
        [
            $"Database: {_cli.DatabaseUri} (development, from default)",
            $"Restored {Path.Combine(_cli.Folder, "copy.db")} (at 002) into {_cli.DatabaseUri}.",
        ], restore.OutLines);
        Assert.Equal(3, CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001").Count);
        Assert.False(Directory.Exists(BackupFolder), "--no-backup backed up the database it replaced");
    }

    [Fact]
    public async Task Backup_to_an_explicit_file_refuses_to_overwrite()
    {
        await SeedAsync();
        var target = Path.Combine(_cli.Folder, "copy.db");

        Assert.Equal(0, (await _cli.RunAsync("backup", "--output", "copy.db")).ExitCode);
        Assert.Equal(3, CliHarness.Query(target, "SELECT * FROM t_001").Count);
        Assert.False(Directory.Exists(BackupFolder));

        var again = await _cli.RunAsync("backup", "-o", target);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal([$"FAILED: The file {target} already exists; choose another --output, or remove it first."], again.ErrorLines);
    }

    [Fact]
    public async Task Restore_refuses_while_the_database_is_in_use()
    {
        await SeedAsync();
        await _cli.RunAsync("backup", "-o", "copy.db");
        CliHarness.Execute(_cli.DatabasePath, "DELETE FROM t_001");
        var before = File.ReadAllBytes(_cli.DatabasePath);

        await using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _cli.DatabasePath, Pooling = false }.ToString()))
        {
            await holder.OpenAsync();
            await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
            await using (var write = holder.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = "INSERT INTO t_002 (id, name) VALUES (1, 'x')";
                await write.ExecuteNonQueryAsync();
            }

            var run = await _cli.RunAsync("restore", "copy.db");

            Assert.Equal(3, run.ExitCode);
            Assert.Equal(
                [$"FAILED: The database {_cli.DatabasePath} is in use: another connection holds a lock on it. Stop the panel (and any other tool using the database), then run the command again; nothing was changed."],
                run.ErrorLines);
        }

        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.False(Directory.Exists(BackupFolder));
    }

    [Fact]
    public async Task Restore_checks_that_the_file_is_a_migrated_SQLite_database()
    {
        await SeedAsync();
        var text = Path.Combine(_cli.Folder, "notes.txt");
        await File.WriteAllTextAsync(text, "not a database at all");
        var bare = Path.Combine(_cli.Folder, "bare.db");
        CliHarness.Execute(bare, "CREATE TABLE x (id INTEGER)");

        Assert.Equal([$"FAILED: {text} is not a SQLite database file; nothing was changed."], (await _cli.RunAsync("restore", "notes.txt")).ErrorLines);
        Assert.Equal([$"FAILED: {bare} has no alembic_version table, so it is not a backup of a migrated database; nothing was changed."], (await _cli.RunAsync("restore", bare)).ErrorLines);
        var missing = await _cli.RunAsync("restore", "nope.db");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal([$"FAILED: There is no file {Path.Combine(_cli.Folder, "nope.db")} to restore. List the backups in {BackupFolder}."], missing.ErrorLines);
        Assert.Equal(3, CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001").Count);
    }

    [Fact]
    public async Task Verify_restores_into_a_temp_file_and_checks_the_schema_against_its_revisions()
    {
        await SeedAsync();
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", "good.db")).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE stray (id INTEGER)");
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", "drifted.db")).ExitCode);
        var good = Path.Combine(_cli.Folder, "good.db");
        var drifted = Path.Combine(_cli.Folder, "drifted.db");
        var scratchFiles = Directory.GetFiles(Path.GetTempPath(), "panel_verify_*").Length;

        var ok = await _cli.RunAsync("backup", "verify", good);
        var bad = await _cli.RunAsync("backup", "verify", drifted);

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(
        [
            $"Database: {_cli.DatabaseUri} (development, from default)",
            $"Restored {good} into a scratch database: it is at 002.",
            "Backup ok: its schema is the one its revisions make (at 002).",
        ], ok.OutLines);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(bad.OutLines, l => l.Contains("stray", StringComparison.Ordinal));
        Assert.Equal(["FAILED: The backup's schema differs from the one its revisions make (at 002) in 1 place(s), listed above; it restores, but not to a schema this build expects."], bad.ErrorLines);
        Assert.Equal(scratchFiles, Directory.GetFiles(Path.GetTempPath(), "panel_verify_*").Length);
        Assert.Equal(["stray"], CliHarness.Query(_cli.DatabasePath, "SELECT name FROM sqlite_master WHERE name = 'stray'"));
    }

    public void Dispose() => _cli.Dispose();
}
