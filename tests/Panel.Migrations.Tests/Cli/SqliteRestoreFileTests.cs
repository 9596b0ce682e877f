using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Backups;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// <c>restore</c> on SQLite leaves the file where and as the panel expects it: through a link it replaces the link's target
/// (the link stays), it keeps the file's mode, owner and group, and it refuses while another process has the file open,
/// or when the backup is at a revision this build does not know. Real files, a real child process.
/// </summary>
public sealed class SqliteRestoreFileTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    private const string LinuxOnly = "links, file modes and /proc are checked as Linux has them";

    private string CopyPath => Path.Combine(_cli.Folder, "copy.db");

    public void Dispose() => _cli.Dispose();

    // Three rows at 002, a backup of them in copy.db, then the rows deleted: a restore brings them back.
    private async Task SeedAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, "INSERT INTO t_001 (id, name) VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma')");
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", CopyPath)).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, "DELETE FROM t_001");
    }

    private static string[] Leftovers(string folder) => Directory.GetFiles(folder, ".*.tmp");

    [SkippableFact]
    public async Task Through_a_link_the_links_target_is_restored_and_the_link_stays()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        // data/default.db is a link to real/panel.db, as when the panel's data lives on another disk.
        var realFolder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "real")).FullName;
        var real = Path.Combine(realFolder, "panel.db");
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        File.CreateSymbolicLink(_cli.DatabasePath, real);
        await SeedAsync();
        Assert.Empty(CliHarness.Query(real, "SELECT * FROM t_001"));

        var restore = await _cli.RunAsync("restore", CopyPath, "--no-backup");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(real, new FileInfo(_cli.DatabasePath).LinkTarget);
        Assert.Equal(["1|alpha", "2|beta", "3|gamma"], CliHarness.Query(real, "SELECT id, name FROM t_001 ORDER BY id"));
        Assert.Empty(Leftovers(realFolder));
        Assert.Empty(Leftovers(Path.GetDirectoryName(_cli.DatabasePath)!));
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_files_mode_is_kept()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        await SeedAsync();
        const UnixFileMode groupReads = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(_cli.DatabasePath, groupReads);

        var restore = await _cli.RunAsync("restore", CopyPath);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(groupReads, File.GetUnixFileMode(_cli.DatabasePath));
        Assert.Equal(3, CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001").Count);
        // A backup file stays readable by its owner only, whatever the database's mode.
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(_cli.Folder, "data", "backups"), "*.db"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
    }

    [SkippableFact]
    public async Task The_files_owner_and_group_are_kept_when_run_as_root()
    {
        await SeedAsync();
        Skip.IfNot(UnixFileOwner.Of(_cli.DatabasePath) is (0, _), "only root can give a file to another user; run the tests as root to see the owner kept");
        // nobody:nogroup, a user the panel might run as.
        Assert.True(UnixFileOwner.TryChange(_cli.DatabasePath, 65534, 65534));

        var restore = await _cli.RunAsync("restore", CopyPath);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Empty(restore.ErrorLines);
        Assert.Equal((65534u, 65534u), UnixFileOwner.Of(_cli.DatabasePath));
        Assert.Equal(3, CliHarness.Query(_cli.DatabasePath, "SELECT * FROM t_001").Count);
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Run_by_a_user_who_cannot_keep_the_owner_it_says_so_with_the_chown_to_run()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv"), "needs Linux and setpriv to run the restore as another user");
        _cli.Map = SignalChild.Map; // the child's map
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "s1")).ExitCode);
        Skip.IfNot(UnixFileOwner.Of(_cli.DatabasePath) is (0, 0), "only root can hand the test's files to another user");
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", CopyPath)).ExitCode);
        // root's database, readable and writable by all, in a folder all may write: nobody (65534) may replace it,
        // but not give the new file back to root.
        const UnixFileMode everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        File.SetUnixFileMode(_cli.DatabasePath, everyone);
        File.SetUnixFileMode(CopyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Path.GetDirectoryName(_cli.DatabasePath)!, everyone | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var child = ChildProcess.StartInfo("cli-child", "restore", CopyPath, "--no-backup");
        Skip.IfNot(OthersCanReach(AppContext.BaseDirectory) && (!Path.IsPathRooted(child.FileName) || OthersCanReach(child.FileName)),
                   "the test's binaries lie in a folder another user may not enter (a clone under a 0700 temp folder, say)");
        var asNobody = new System.Diagnostics.ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _cli.Folder };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", child.FileName }.Concat(child.ArgumentList))
            asNobody.ArgumentList.Add(argument);
        asNobody.Environment["DATABASE_URI"] = _cli.DatabaseUri;
        asNobody.Environment["HOME"] = _cli.Folder;

        using var restore = System.Diagnostics.Process.Start(asNobody)!;
        var output = restore.StandardOutput.ReadToEndAsync();
        var error = await restore.StandardError.ReadToEndAsync();
        await restore.WaitForExitAsync();

        Assert.True(restore.ExitCode == 0, await output + error);
        Assert.Equal(
            $"The restored {_cli.DatabasePath} is owned by user 65534, group 65534, not user 0, group 0 as before: only root can give a file to another user. " +
            $"Run 'chown 0:0 {_cli.DatabasePath}' as root, or the panel may not open it.\n",
            error);
        Assert.Equal((65534u, 65534u), UnixFileOwner.Of(_cli.DatabasePath));
        Assert.Equal(everyone, File.GetUnixFileMode(_cli.DatabasePath));
        Assert.Equal(["s1"], _cli.VersionRows());
    }

    // Whether a user who is neither owner nor in the group may walk down to path: every folder above it searchable by others.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool OthersCanReach(string path)
    {
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (!File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
                return false;
        }
        return true;
    }

    [SkippableFact]
    public async Task Another_process_with_an_idle_connection_is_named_and_nothing_changes()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), LinuxOnly);
        await SeedAsync();
        var before = File.ReadAllBytes(_cli.DatabasePath);
        using var holder = System.Diagnostics.Process.Start(WithInput(ChildProcess.StartInfo("hold-child", _cli.DatabasePath)))!;
        try
        {
            Assert.Equal("OPEN", await holder.StandardOutput.ReadLineAsync());

            var restore = await _cli.RunAsync("restore", CopyPath);

            Assert.Equal(3, restore.ExitCode);
            Assert.Equal(
                [$"FAILED: The database {_cli.DatabasePath} is in use: process {holder.Id} (dotnet) has it open. Stop the panel (and any other tool using the database), then run the command again; nothing was changed."],
                restore.ErrorLines);
        }
        finally
        {
            holder.StandardInput.Close(); // the child closes its connection and ends
            await holder.WaitForExitAsync();
        }

        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "data", "backups")), "a refused restore backed the database up");
        Assert.Empty(Leftovers(Path.GetDirectoryName(_cli.DatabasePath)!));
    }

    [Fact]
    public async Task A_backup_at_a_revision_this_build_does_not_know_is_refused_unless_forced()
    {
        _cli.Map = TestMigrations.Graph("001", "002 <- 001", "003 <- 002");
        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("backup", "-o", "newer.db")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("downgrade", "002", "--no-backup")).ExitCode);
        _cli.Map = TestMigrations.Graph("001", "002 <- 001");
        var newer = Path.Combine(_cli.Folder, "newer.db");
        var before = File.ReadAllBytes(_cli.DatabasePath);

        var refused = await _cli.RunAsync("restore", newer);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal([$"FAILED: {newer} is at 003, which this build of the application does not know; nothing was changed. Run 'restore' with --force to restore it anyway."], refused.ErrorLines);
        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.False(Directory.Exists(Path.Combine(_cli.Folder, "data", "backups")), "a refused restore backed the database up");

        var forced = await _cli.RunAsync("restore", newer, "--force", "--no-backup");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(["003"], _cli.VersionRows());
    }

    private static System.Diagnostics.ProcessStartInfo WithInput(System.Diagnostics.ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        return start;
    }

    /// <summary>The <c>hold-child DB</c> child: one idle connection to DB (no lock held), kept until standard input closes.</summary>
    internal static async Task<int> HoldOpenAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
        }

        Console.Out.WriteLine("OPEN");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
