using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.RemoteBackups;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Renci.SshNet;
using Xunit;

namespace Panel.Migrations.Tests.Backups;

/// <summary>
/// Backups copied off the machine, on real servers started by tests/scripts (s3rver, OpenSSH): the same tests for each
/// remote, configured through the configuration file as a deployment would.
/// </summary>
public abstract class RemoteBackupTests : IDisposable
{
    private protected readonly CliHarness Cli = new(TestMigrations.Graph("001", "002 <- 001"));

    protected RemoteBackupTests()
    {
        Cli.Configure = o => o with { BackupRemotes = RemoteBackupTargets.From, BackupUploadRetry = new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)) };
    }

    private string Folder => Path.Combine(Cli.Folder, "data", "backups");

    /// <summary>The configuration file's remote entry (<c>"s3": {...}</c>), with a folder of the server of this test's own; <paramref name="broken"/> gives it wrong credentials.</summary>
    private protected abstract string RemoteJson(bool broken = false);

    /// <summary>What the remote is called in messages.</summary>
    private protected abstract string RemoteName { get; }

    private void Configure(bool broken = false) =>
        File.WriteAllText(Path.Combine(Cli.Folder, "migrations.json"), "{\"backups\": {" + RemoteJson(broken) + "}}");

    private BackupRemote Remote() => Assert.Single(RemoteBackupTargets.From(new SettingsSources { ConfigurationFile = Path.Combine(Cli.Folder, "migrations.json"), GetVariable = n => Cli.Environment.GetValueOrDefault(n) }));

    [SkippableFact]
    public async Task Backup_uploads_a_verified_copy_that_list_shows_and_restore_fetches_back()
    {
        Configure();
        Assert.Equal(0, (await Cli.RunAsync("upgrade")).ExitCode);
        CliHarness.Execute(Cli.DatabasePath, "INSERT INTO t_001 (id, name) VALUES (1, 'alpha'), (2, 'beta')");
        var expected = CliHarness.Query(Cli.DatabasePath, "SELECT * FROM t_001 ORDER BY id");
        var name = "default_backup_20250102_030405.db";
        var bytes = new FileInfo(Cli.DatabasePath).Length;

        var backup = await Cli.RunAsync("backup");

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.StartsWith($"Uploaded {name} to {RemoteName} (", backup.OutLines[^1]);
        Assert.EndsWith(" bytes, size and SHA-256 read back and equal)", backup.OutLines[^1]);
        var list = await Cli.RunAsync("backup", "list", "--remote");
        Assert.Equal([$"Backups of default on {RemoteName}: 1", $"  {name}  {new FileInfo(Path.Combine(Folder, name)).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes"], list.OutLines);

        // The disk is lost: the local backup goes, the database is broken.
        File.Delete(Path.Combine(Folder, name));
        CliHarness.Execute(Cli.DatabasePath, "DELETE FROM t_001");
        var restore = await Cli.RunAsync("restore", name, "--remote", "--no-backup");

        Assert.Equal(0, restore.ExitCode);
        Assert.Equal($"Fetched {name} from {RemoteName} into {Path.Combine(Folder, name)}", restore.OutLines[0]);
        Assert.Equal(expected, CliHarness.Query(Cli.DatabasePath, "SELECT * FROM t_001 ORDER BY id"));
        Assert.True(bytes > 0);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Folder, name)));
    }

    [SkippableFact]
    public async Task A_failed_upload_keeps_the_local_file_says_so_and_the_upgrade_goes_on()
    {
        Configure(broken: true);
        Assert.Equal(0, (await Cli.RunAsync("upgrade", "001")).ExitCode);

        var upgrade = await Cli.RunAsync("upgrade");

        Assert.Equal(0, upgrade.ExitCode);
        var local = Path.Combine(Folder, "default_backup_20250102_030405.db");
        var warning = Assert.Single(upgrade.OutLines, l => l.StartsWith("WARNING: the upload of ", StringComparison.Ordinal));
        Assert.StartsWith($"WARNING: the upload of default_backup_20250102_030405.db to {RemoteName} failed after 2 attempt(s): ", warning);
        Assert.EndsWith($" The local backup {local} is kept.", warning);
        Assert.True(File.Exists(local));
        Assert.Equal(["002"], Cli.VersionRows());

        // By hand (or from cron) the same failure is an error: exit 3, the local file still kept.
        var backup = await Cli.RunAsync("backup");

        Assert.Equal(3, backup.ExitCode);
        Assert.StartsWith($"FAILED: the upload of default_backup_20250102_030405_2.db to {RemoteName} failed after 2 attempt(s): ", backup.ErrorLines[0]);
        Assert.True(File.Exists(Path.Combine(Folder, "default_backup_20250102_030405_2.db")));
        // The wrong secret is nowhere in the output.
        Assert.DoesNotContain("wrong-secret", upgrade.Out + backup.Out + backup.Error);
    }

    [SkippableFact]
    public async Task Backup_prune_prunes_the_remote_by_the_same_retention()
    {
        Configure();
        Assert.Equal(0, (await Cli.RunAsync("upgrade")).ExitCode);
        var seed = Path.Combine(Cli.Folder, "seed.db");
        Assert.Equal(0, (await Cli.RunAsync("backup", "-o", seed)).ExitCode);
        var remote = Remote();
        foreach (var day in new[] { "20241101", "20241201", "20241215", "20241231" })
            await remote.UploadAsync(seed, $"default_backup_{day}_120000.db", CancellationToken.None);
        await remote.UploadAsync(seed, "other_backup_20241101_120000.db", CancellationToken.None);

        var run = await Cli.RunAsync("backup", "--prune", "--keep", "1", "--keep-monthly", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            $"Pruned 3 old backup(s) from {RemoteName} (newest 1, daily 0, weekly 0, monthly 2): default_backup_20241215_120000.db, default_backup_20241201_120000.db, default_backup_20241101_120000.db",
            run.OutLines[^1]);
        var left = (await remote.ListAsync(CancellationToken.None)).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["default_backup_20241231_120000.db", "default_backup_20250102_030405.db", "other_backup_20241101_120000.db"], left);
    }

    public void Dispose() => Cli.Dispose();
}

/// <summary><see cref="RemoteBackupTests"/> on s3rver.</summary>
public sealed class S3BackupTests(S3ServerFixture server) : RemoteBackupTests, IClassFixture<S3ServerFixture>
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    private protected override string RemoteName => $"s3://{server.Bucket}/{_prefix}";

    private protected override string RemoteJson(bool broken = false)
    {
        // The secret comes from the environment, as a deployment would keep it out of the file.
        Cli.Environment["PANEL_BACKUP_S3_SECRET_KEY"] = broken ? "wrong-secret" : "S3RVER";
        return $$"""
            "s3": {"endpoint": "{{server.Endpoint}}", "bucket": "{{server.Bucket}}", "prefix": "{{_prefix}}", "accessKey": "{{(broken ? "NOT-S3RVER" : "S3RVER")}}"}
            """;
    }
}

/// <summary><see cref="RemoteBackupTests"/> on OpenSSH's SFTP.</summary>
public sealed class SftpBackupTests : RemoteBackupTests, IClassFixture<SftpServerFixture>
{
    private readonly SftpServerFixture _server;
    private readonly string _folder;

    public SftpBackupTests(SftpServerFixture server)
    {
        _server = server;
        _folder = server.Folder + "/t" + Guid.NewGuid().ToString("N")[..12];
        // A folder of this test's own, made over SFTP so that the server's user owns it.
        using var client = new SftpClient(server.Host, server.Port, server.User, new PrivateKeyFile(server.KeyFile));
        client.Connect();
        client.CreateDirectory(_folder);
    }

    private protected override string RemoteName => $"sftp://{_server.User}@{_server.Host}:{_server.Port}{_folder}";

    private protected override string RemoteJson(bool broken = false) => $$"""
        "sftp": {"host": "{{_server.Host}}", "port": {{_server.Port}}, "user": "{{_server.User}}", "path": "{{_folder}}", "keyFile": "{{_server.KeyFile}}", "hostKey": "{{(broken ? "SHA256:not+the+server+key" : _server.HostKey)}}"}
        """;
}
