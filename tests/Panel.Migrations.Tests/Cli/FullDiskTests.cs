using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// The sample's <c>upgrade</c> (a process) on a SQLite database that has no room to grow, with and without the automatic
/// backup: a clear error naming the full disk and the fix, a non-zero exit, and the database file byte for byte as it was.
/// The full tmpfs needs permission to mount; where it is missing, CI runs those cases under the file-size limit
/// instead, and a developer's machine skips them. The file-size-limit cases run everywhere.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    // One revision before head: the last migration creates a table, which needs a new page, so the file must grow.
    private static readonly string BeforeHead = AaPanel.MigrationRegistry.Map.Migrations.Single(m => m.Revision == AaPanel.MigrationRegistry.Map.Graph.Heads.Single()).DownRevisions.Single();

    private readonly SqliteFiles _files = new();

    [TmpfsTheory]
    [InlineData(true)]
    [InlineData(false)]
    public Task AnUpgradeOnAFullTmpfsFailsClearlyAndChangesNothing(bool backup) => AssertRefusedAsync(FullDisk.TmpfsOrFileSizeLimit(), backup);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task AnUpgradeUnderAFileSizeLimitFailsClearlyAndChangesNothing(bool backup) => AssertRefusedAsync(FullDisk.FileSizeLimit(), backup);

    private async Task AssertRefusedAsync(FullDisk disk, bool backup)
    {
        using var _ = disk;
        var path = Path.Combine(disk.Folder, "panel.db");
        File.Copy(await DatabaseBeforeHeadAsync(), path);
        disk.Fill(path);
        var bytes = File.ReadAllBytes(path);
        var dump = Dump(path);

        var run = await SampleProcesses.RunThroughAsync(disk.Launcher, null, "sqlite:///" + path, backup ? ["upgrade"] : ["upgrade", "--no-backup"]);

        Assert.True(run.ExitCode == ExitCodes.DatabaseError, $"{disk.Kind}: exit {run.ExitCode}, not 3\n{run.Output}");
        var error = run.Error.Trim().Split('\n').Last();
        Assert.StartsWith("FAILED: ", error);
        Assert.Contains("run the command again", error);
        Assert.Contains(disk.Kind.Contains("tmpfs") ? "is full" : "size limit", error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-journal"), "a journal was left behind");
        Assert.Equal(dump, Dump(path));
        // A backup that could not be written (the full tmpfs) left nothing behind: no partial file, no temp file. Under the
        // file-size limit the copy (no larger than the database) fits, and only the upgrade's growth fails: a whole backup stays.
        var backups = Path.Combine(disk.Folder, "backups");
        var left = Directory.Exists(backups) ? Directory.GetFileSystemEntries(backups).Select(Path.GetFileName).ToArray() : [];
        Assert.DoesNotContain(left, name => name!.StartsWith('.'));
        if (disk.Kind.Contains("tmpfs"))
            Assert.Empty(left);
        else if (backup)
            Assert.Equal(dump, Dump(Path.Combine(backups, Assert.Single(left)!)));
    }

    /// <summary>The sample's database one revision before head, vacuumed so that it has no free page to grow into.</summary>
    private async Task<string> DatabaseBeforeHeadAsync()
    {
        var path = _files.NewPath();
        await new MigrationRunner(AaPanel.MigrationRegistry.Map, MigrationOptions.ForSqlite(path)).UpgradeAsync(BeforeHead);
        CliHarness.Execute(path, "VACUUM");
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static List<string> Dump(string path) =>
        [
            .. CliHarness.Query(path, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"),
            .. CliHarness.Query(path, "SELECT version_num FROM alembic_version"),
            .. CliHarness.Query(path, "SELECT revision || ' ' || direction || ' ' || status FROM panel_migrations_log ORDER BY id"),
        ];

    public void Dispose() => _files.Dispose();
}
