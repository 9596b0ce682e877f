using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Panel.Migrations.Hosting;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Hosting;

/// <summary>The backup schedule of the hosting integration, on real SQLite files: fires on its cron expression, skips while a migration holds the lock.</summary>
public sealed class ScheduledBackupTests : IDisposable
{
    private readonly SqliteFiles _files = new();
    private readonly CapturingLoggerProvider _log = new();

    public void Dispose() => _files.Dispose();

    private string BackupFolder => Path.Combine(_files.Folder, "backups");

    private string[] Backups() => Directory.Exists(BackupFolder) ? Directory.GetFiles(BackupFolder, "*.db") : [];

    [Fact]
    public async Task A_backup_due_while_a_migration_holds_the_lock_is_skipped_and_the_next_one_is_taken()
    {
        var path = _files.NewPath();
        var map = TestMigrations.Graph("001", "002 <- 001");
        await new MigrationRunner(map, MigrationOptions.ForSqlite(path)).UpgradeAsync("001");
        using var inStep = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The migration stops inside its step's transaction (SQLite's write lock, BEGIN IMMEDIATE) until the test lets it go.
        var migrating = new MigrationRunner(map, MigrationOptions.ForSqlite(path) with
        {
            Events = e =>
            {
                if (e is StepStarted)
                {
                    inStep.Set();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            },
        });
        var schedule = new ScheduledBackupService(new MigrationRunner(map, MigrationOptions.ForSqlite(path)), new PanelMigrationsOptions { BackupSchedule = "0 3 * * *" },
                                                  LoggerFactory.Create(b => b.AddProvider(_log)));
        var upgrade = Task.Run(() => migrating.UpgradeAsync());
        Assert.True(inStep.Wait(TimeSpan.FromSeconds(30)), "the migration did not reach its step");

        var during = await schedule.RunOnceAsync(CancellationToken.None);

        Assert.Null(during);
        Assert.Empty(Backups());
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning Skipped the scheduled backup of ", StringComparison.Ordinal));
        release.Set();
        await upgrade;
        SqliteConnection.ClearAllPools();

        var after = await schedule.RunOnceAsync(CancellationToken.None);

        Assert.NotNull(after);
        Assert.Equal(["002"], after.Heads);
        Assert.Equal(after.Path, Assert.Single(Backups()));
    }

    [Fact]
    public async Task The_host_backs_up_on_the_cron_schedule_and_prunes_by_the_retention()
    {
        var path = _files.NewPath();
        var map = TestMigrations.Graph("001");
        await new MigrationRunner(map, MigrationOptions.ForSqlite(path)).UpgradeAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(_log).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddPanelMigrations(map, o =>
        {
            o.Migration = MigrationOptions.ForSqlite(path);
            o.BackupSchedule = "* * * * * *"; // every second (six fields: seconds first)
            o.BackupRetention = new BackupRetention { Newest = 2 };
        });
        using var host = builder.Build();

        await host.StartAsync();
        for (var i = 0; i < 100 && !_log.Lines.Any(l => l.StartsWith("Information Pruned 1 old backup(s) from ", StringComparison.Ordinal)); i++)
            await Task.Delay(100);
        await host.StopAsync();

        Assert.Contains(_log.Lines, l => l.StartsWith("Information Pruned 1 old backup(s) from " + BackupFolder, StringComparison.Ordinal));
        Assert.True(_log.Lines.Count(l => l.StartsWith("Information Backed up the database to " + BackupFolder, StringComparison.Ordinal)) >= 3);
        Assert.Equal(2, Backups().Length);
    }

    [Fact]
    public void A_bad_cron_expression_fails_at_registration_with_an_example()
    {
        var error = Assert.Throws<MigrationConfigurationException>(() =>
            new ServiceCollection().AddPanelMigrations(TestMigrations.Graph("001"), o => o.BackupSchedule = "every night"));

        Assert.StartsWith("The backup schedule \"every night\" is not a cron expression (", error.Message);
        Assert.EndsWith("Write five fields, minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\" for 03:00 every day.", error.Message);
    }
}
