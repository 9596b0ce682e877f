using System;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>check and upgrade on an edited applied migration, --accept-changed, and a database newer than the code.</summary>
public sealed class HistoryIntegrityCommandTests : IDisposable
{
    private static readonly MigrationMap Original = TestMigrations.Graph("001", "002 <- 001", "003 <- 002");

    private static readonly MigrationMap Edited = new(Original.Migrations.Select(m => m.Revision == "002"
        ? new MigrationInfo("002", ["001"], m.Message, () => new TestMigrations.CreatesTable("002_edited"))
        : m));

    private readonly CliHarness _cli = new(Original);

    [Fact]
    public async Task Check_and_upgrade_refuse_an_edited_migration_and_accept_changed_records_it()
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("upgrade", "002")).ExitCode);
        var dump = CliHarness.Query(_cli.DatabasePath, "SELECT type || name || COALESCE(sql, '') FROM sqlite_master WHERE name <> 'panel_migrations_log' ORDER BY name");
        _cli.Map = Edited;

        var check = await _cli.RunAsync("check");
        Assert.Equal(ExitCodes.CheckFailed, check.ExitCode);
        Assert.Contains("Migration 002 (create 002) was changed after it was applied", check.Error, StringComparison.Ordinal);

        var upgrade = await _cli.RunAsync("upgrade", "--no-backup");
        Assert.Equal(ExitCodes.DatabaseError, upgrade.ExitCode);
        Assert.Contains("002", upgrade.Error, StringComparison.Ordinal);
        Assert.Contains("upgrade --accept-changed", upgrade.Error, StringComparison.Ordinal);
        Assert.Equal(["002"], _cli.VersionRows());
        Assert.Equal(dump, CliHarness.Query(_cli.DatabasePath, "SELECT type || name || COALESCE(sql, '') FROM sqlite_master WHERE name <> 'panel_migrations_log' ORDER BY name"));

        var accepted = await _cli.RunAsync("upgrade", "--accept-changed", "--no-backup");
        Assert.Equal(ExitCodes.Success, accepted.ExitCode);
        Assert.Equal(["003"], _cli.VersionRows());
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("check")).ExitCode);
    }

    [Fact]
    public async Task Accept_changed_at_head_only_records_the_new_checksum()
    {
        await _cli.RunAsync("upgrade");
        _cli.Map = Edited;
        var run = await _cli.RunAsync("upgrade", "--accept-changed", "--no-backup");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Recorded the new checksum of 002", run.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("check")).ExitCode);
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        await _cli.RunAsync("upgrade");
        _cli.Map = TestMigrations.Graph("001", "002 <- 001");

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.Contains("Can't locate revision identified by '003'", run.Error, StringComparison.Ordinal);
        Assert.Equal(["003"], _cli.VersionRows());
    }

    public void Dispose() => _cli.Dispose();
}
