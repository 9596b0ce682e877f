using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Panel.Migrations.Hosting;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Hosting;

/// <summary>AddPanelMigrations and the start-up upgrade, with a real generic host on real SQLite temp files.</summary>
public sealed class HostingTests : IDisposable
{
    private readonly SqliteFiles _files = new();
    private readonly CapturingLoggerProvider _log = new();

    public void Dispose() => _files.Dispose();

    private IHost BuildHost(MigrationMap map, MigrationOptions database, bool upgradeOnStart, Action<IServiceCollection>? more = null, string target = "head")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(_log).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddPanelMigrations(map, o =>
        {
            o.Migration = database;
            o.UpgradeOnStart = upgradeOnStart;
            o.Target = target;
        });
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task The_host_upgrades_the_sample_to_head_before_later_hosted_services_start_and_logs_each_revision()
    {
        var path = _files.NewPath();
        var map = AaPanel.MigrationRegistry.Map;
        IReadOnlyList<string>? seenByApp = null;
        using var host = BuildHost(map, MigrationOptions.ForSqlite(path), upgradeOnStart: true,
            services => services.AddHostedService(provider => new ProbeService(provider.GetRequiredService<MigrationRunner>(), heads => seenByApp = heads)));

        await host.StartAsync();
        await host.StopAsync();

        // The app's own hosted service (registered after) started on a database already at head.
        Assert.Equal(map.Graph.Heads, seenByApp);
        var lines = _log.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Information Upgrading Sqlite database to head; at <base>", StringComparison.Ordinal));
        foreach (var migration in map.Migrations)
            Assert.Contains(lines, l => l.StartsWith($"Information Applied upgrade {migration.Revision} in ", StringComparison.Ordinal) && l.EndsWith(" ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Information Sqlite database is at {string.Join(", ", map.Graph.Heads)}: {map.Migrations.Count} migration(s) applied in ", StringComparison.Ordinal));
        // The runtime's progress lines reach the logger too.
        Assert.Contains(lines, l => l.StartsWith("Debug Running upgrade", StringComparison.Ordinal));

        // A second start finds nothing to do.
        _log.Clear();
        using var again = BuildHost(map, MigrationOptions.ForSqlite(path), upgradeOnStart: true);
        await again.StartAsync();
        await again.StopAsync();
        Assert.Contains(_log.Lines, l => l.StartsWith("Information Sqlite database is up to date at ", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("Applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_UpgradeOnStart_nothing_runs_but_the_runner_is_registered()
    {
        var path = _files.NewPath();
        using var host = BuildHost(TestMigrations.Graph("a", "b <- a"), MigrationOptions.ForSqlite(path), upgradeOnStart: false);
        await host.StartAsync();
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        Assert.Empty(await runner.CurrentAsync());
        var result = await runner.UpgradeAsync();
        Assert.Equal(["a", "b"], result.Steps.Select(s => s.Revision));
        Assert.All(result.Steps, s => Assert.True(s.Elapsed > TimeSpan.Zero));
        await host.StopAsync();
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == "Panel.Migrations.Hosting");
    }

    [Fact]
    public async Task A_failed_upgrade_stops_the_host_with_the_reason_and_the_masked_database()
    {
        var path = _files.NewPath();
        var database = MigrationOptions.ForSqlite(path) with { DisplayName = "postgresql://panel:***@db.example/panel" };
        var appStarted = false;
        using var host = BuildHost(TestMigrations.WithFailure("bad", "a", "a"), database, upgradeOnStart: true,
            services => services.AddHostedService(provider => new ProbeService(provider.GetRequiredService<MigrationRunner>(), _ => appStarted = true)));

        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());

        Assert.StartsWith("Upgrading postgresql://panel:***@db.example/panel to head failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.False(appStarted);
        Assert.Contains(_log.Lines, l => l.StartsWith("Critical Upgrading postgresql://panel:***@db.example/panel to head failed; the host stops: ", StringComparison.Ordinal));
        // The good revision stays applied, the failing one was rolled back.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version_num FROM alembic_version";
        Assert.Equal("a", command.ExecuteScalar());
    }

    [Fact]
    public async Task The_password_of_a_database_uri_is_masked_in_the_log()
    {
        // A URI's DisplayName masks its password; the host logs only the DisplayName, never the connection string.
        var uri = MigrationOptions.FromUri("postgresql://panel:s3cr3t@127.0.0.1:1/panel");
        Assert.DoesNotContain("s3cr3t", uri.DisplayName, StringComparison.Ordinal);
        var sqlite = MigrationOptions.ForSqlite(_files.NewPath()) with { DisplayName = uri.DisplayName };
        using var host = BuildHost(TestMigrations.Graph("a"), sqlite, upgradeOnStart: true);
        await host.StartAsync();
        await host.StopAsync();
        Assert.Contains(_log.Lines, l => l.Contains(uri.DisplayName, StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_stops_the_host_without_printing_its_password()
    {
        // Port 1 on loopback refuses the connection at once (no retry); the password is in the URI and the connection string.
        var database = MigrationOptions.FromUri("postgresql://panel:s3cr3t-pw@127.0.0.1:1/panel") with { Retry = RetryPolicy.None };
        Assert.Contains("s3cr3t-pw", database.ConnectionString, StringComparison.Ordinal);
        using var host = BuildHost(TestMigrations.Graph("a"), database, upgradeOnStart: true);

        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());

        Assert.StartsWith($"Upgrading {database.DisplayName} to head failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.StartsWith($"Critical Upgrading {database.DisplayName} to head failed; the host stops: ", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t-pw", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("s3cr3t-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_up_upgrade_goes_to_the_target_given()
    {
        var path = _files.NewPath();
        using var host = BuildHost(TestMigrations.Graph("a", "b <- a", "c <- b"), MigrationOptions.ForSqlite(path), upgradeOnStart: true, target: "b");
        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["b"], await host.Services.GetRequiredService<MigrationRunner>().CurrentAsync());
        Assert.Contains(_log.Lines, l => l.StartsWith("Information Upgrading Sqlite database to b; at <base>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_logs_under_the_Panel_Migrations_category_and_an_apps_own_Log_keeps_the_progress_lines()
    {
        var own = new ConcurrentQueue<string>();
        var database = MigrationOptions.ForSqlite(_files.NewPath()) with { Log = own.Enqueue };
        using var host = BuildHost(TestMigrations.Graph("a"), database, upgradeOnStart: true);
        await host.StartAsync();
        await host.StopAsync();

        // The host's own lines come under Microsoft's categories; every line of ours under Panel.Migrations.
        Assert.Equal(["Panel.Migrations"], _log.Entries.Select(e => e.Category).Where(c => !c.StartsWith("Microsoft.", StringComparison.Ordinal)).Distinct());
        Assert.Contains(_log.Entries, e => e.Category == "Panel.Migrations" && e.Line.StartsWith("Information Applied upgrade a in ", StringComparison.Ordinal));
        // The runtime's progress lines go to the app's own Log, not a second time to the logger.
        Assert.Contains(own, l => l.StartsWith("Running upgrade  -> a", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.StartsWith("Debug Running upgrade", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l.StartsWith("Information Applied upgrade a in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_the_start_interrupts_the_running_SQLite_step_logs_the_committed_one_and_stops_the_host_normally()
    {
        var path = _files.NewPath();
        var map = TestMigrations.Statements("a", "CREATE TABLE t_a (id INTEGER)");
        map = new MigrationMap([
            map.Migrations[0],
            new MigrationInfo("b", ["a"], "long", () => new Batch.LambdaMigration(op =>
            {
                op.Execute("CREATE TABLE t_b (id INTEGER)");
                op.Execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT COUNT(*) FROM c");
            }, op => op.Execute("DROP TABLE t_b"))),
        ]);
        using var cancel = new System.Threading.CancellationTokenSource();
        var database = MigrationOptions.ForSqlite(path) with
        {
            Events = e =>
            {
                if (e is StepStarted { Revision: "b" })
                    cancel.CancelAfter(300);
            },
        };
        using var host = BuildHost(map, database, upgradeOnStart: true);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await host.StartAsync(cancel.Token); // no exception: the host stops normally
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the five-billion-row count was awaited ({clock.Elapsed.TotalSeconds:0.0} s), not interrupted");
        Assert.True(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();

        var cancelled = Assert.Single(_log.Lines, l => l.Contains("cancelled", StringComparison.Ordinal));
        Assert.Equal("Warning Upgrading Sqlite database to head was cancelled; the host stops. Cancelled. 1 step(s) committed before it: a. " +
                     "The step that was running, if any, was rolled back. The database is at a.", cancelled);
        Assert.DoesNotContain(_log.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Equal(["a"], CliHarnessQuery(path, "SELECT version_num FROM alembic_version"));
        Assert.Empty(CliHarnessQuery(path, "SELECT name FROM sqlite_master WHERE name = 't_b'"));
    }

    [Theory]
    [InlineData("not a database", LogLevel.Debug)]
    [InlineData("not a database", LogLevel.Warning)] // no "Upgrading ... at" line: the upgrade is the first to open the file
    [InlineData("damaged", LogLevel.Debug)]
    [InlineData("damaged", LogLevel.Warning)]
    public async Task A_bad_SQLite_file_stops_the_host_with_the_sentence_the_command_line_prints(string kind, LogLevel level)
    {
        var path = _files.NewPath();
        string sentence;
        if (kind == "damaged")
        {
            // Page 2 onwards overwritten: the header and sqlite_master stay readable, the tables do not.
            using (var first = BuildHost(TestMigrations.Graph("a"), MigrationOptions.ForSqlite(path), upgradeOnStart: true))
                await first.StartAsync();
            SqliteConnection.ClearAllPools();
            CliHarnessExecute(path, "CREATE TABLE filler (x TEXT); INSERT INTO filler VALUES (zeroblob(20000));");
            using (var file = new System.IO.FileStream(path, System.IO.FileMode.Open, System.IO.FileAccess.Write))
            {
                file.Position = 4096;
                file.Write(Enumerable.Repeat((byte)0xFF, 3 * 4096).ToArray());
            }

            sentence = $"The SQLite database {path} is damaged (SQLite error 11: database disk image is malformed); nothing was changed. " +
                       "Restore the newest backup with 'restore <backup file>' (they are in the backups folder beside it), or salvage what is left with sqlite3's '.recover'.";
        }
        else
        {
            System.IO.File.WriteAllText(path, "[panel]\nport = 8888\n" + new string('#', 200));
            sentence = $"{path} is not a SQLite database (SQLite error 26: file is not a database); nothing was changed. Check DATABASE_URI: it names some other kind of file.";
        }

        var before = System.IO.File.ReadAllBytes(path);
        _log.Clear();
        using var host = BuildHost(TestMigrations.Graph("a", "b <- a"), MigrationOptions.ForSqlite(path), upgradeOnStart: true,
            services => services.AddLogging(logging => logging.SetMinimumLevel(level)));

        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());

        Assert.Equal("Upgrading Sqlite database to head failed: " + sentence, error.Message);
        Assert.Equal(["Critical Upgrading Sqlite database to head failed; the host stops: " + sentence], _log.Lines.Where(l => l.StartsWith("Critical", StringComparison.Ordinal)));
        Assert.Equal(before, System.IO.File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_large_table_rebuild_logs_its_copy_by_tenths_up_to_100_percent()
    {
        var map = new MigrationMap(
        [
            new MigrationInfo("a", [], "fill", () => new Batch.LambdaMigration(op => op.Execute(
                "CREATE TABLE big (name TEXT, n INTEGER); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 120000) INSERT INTO big SELECT 'n', i FROM c"), null)),
            new MigrationInfo("b", ["a"], "rebuild", () => new Batch.LambdaMigration(op => op.BatchAlterTable("big", t => t.AlterColumn("name", nullable: false), BatchRecreate.Always), null)),
        ]);
        using var host = BuildHost(map, MigrationOptions.ForSqlite(_files.NewPath()), upgradeOnStart: true);

        await host.StartAsync();
        await host.StopAsync();

        var copy = _log.Lines.Where(l => l.StartsWith("Information Rebuilding table big: ", StringComparison.Ordinal)).ToList();
        Assert.Equal("Information Rebuilding table big: 0 of 120000 row(s) copied (0%)", copy[0]);
        Assert.Matches(@"^Information Rebuilding table big: [0-9]+ of 120000 row\(s\) copied \([1-9][0-9]?%\)$", copy[1]);
        Assert.Equal("Information Rebuilding table big: 120000 of 120000 row(s) copied (100%)", copy[^1]);
    }

    [Fact]
    public async Task A_failure_is_logged_once_as_one_line()
    {
        using var host = BuildHost(TestMigrations.WithFailure("bad", "a", "a"), MigrationOptions.ForSqlite(_files.NewPath()), upgradeOnStart: true);
        await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());
        var ours = _log.Entries.Where(e => e.Category == "Panel.Migrations" && e.Line.Contains("failed", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(ours).Line;
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:///data/from-config.db")]
    [InlineData("Data Source=data/from-config.db")]
    public async Task The_database_comes_from_ConnectionStrings_Panel_under_the_content_root(string given)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = _files.Folder,
        });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Panel", given)]);
        builder.Services.AddPanelMigrations(TestMigrations.Graph("a"), o => o.UpgradeOnStart = true);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        Assert.Equal(["a"], await runner.CurrentAsync());
        Assert.True(System.IO.File.Exists(System.IO.Path.Combine(_files.Folder, "data", "from-config.db")));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_Development_a_host_without_a_database_stops_with_what_to_set_and_creates_nothing(string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = environment,
            ContentRootPath = _files.Folder,
        });
        builder.Logging.ClearProviders().AddProvider(_log);
        builder.Services.AddPanelMigrations(TestMigrations.Graph("a"), o => o.UpgradeOnStart = true);
        using var host = builder.Build();
        if (Environment.GetEnvironmentVariable("DATABASE_URI") is not null)
            return; // the process names a database: nothing to refuse
        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync());

        Assert.Contains($"No database is configured for the {environment} environment", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Panel", error.Message, StringComparison.Ordinal);
        Assert.Single(_log.Lines, l => l.StartsWith("Critical Upgrading the database to head failed; the host stops: No database is configured", StringComparison.Ordinal));
        Assert.False(System.IO.Directory.Exists(System.IO.Path.Combine(_files.Folder, "data")));
    }

    [Fact]
    public void A_second_AddPanelMigrations_is_a_clear_error()
    {
        var services = new ServiceCollection();
        services.AddPanelMigrations(TestMigrations.Graph("a"));
        var error = Assert.Throws<InvalidOperationException>(() => services.AddPanelMigrations(TestMigrations.Graph("b")));
        Assert.StartsWith("AddPanelMigrations was already called on this service collection; it registers one database.", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> CliHarnessQuery(string path, string sql) => Cli.CliHarness.Query(path, sql);

    private static void CliHarnessExecute(string path, string sql) => Cli.CliHarness.Execute(path, sql);

    /// <summary>Stands for the app: records what it sees of the database when the host starts it.</summary>
    private sealed class ProbeService(MigrationRunner runner, Action<IReadOnlyList<string>> seen) : IHostedService
    {
        public async Task StartAsync(System.Threading.CancellationToken cancellationToken) => seen(await runner.CurrentAsync(cancellationToken));

        public Task StopAsync(System.Threading.CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
