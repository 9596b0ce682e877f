using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Panel.Migrations.Hosting;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Hosting;

/// <summary>
/// The health check through Microsoft's own HealthCheckService, and the Meter and ActivitySource read as OpenTelemetry
/// would (MeterListener, ActivityListener), on real SQLite files.
/// </summary>
public sealed class HealthAndTelemetryTests : IDisposable
{
    // The listeners are process-wide and other tests run at the same time: only this test's runs count.
    private static readonly AsyncLocal<bool> Mine = new();

    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task<HealthReportEntry> CheckAsync(MigrationMap map, string path)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPanelMigrations(map, o => o.Migration = MigrationOptions.ForSqlite(path));
        services.AddHealthChecks().AddCheck<PanelMigrationsHealthCheck>("migrations");
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["migrations"];
    }

    [Fact]
    public async Task The_health_check_is_degraded_with_pending_migrations_healthy_at_head_and_unhealthy_when_an_upgrade_would_be_refused()
    {
        var path = _files.NewPath();
        var map = TestMigrations.Graph("a", "b <- a");

        var pending = await CheckAsync(map, path);
        Assert.Equal(HealthStatus.Degraded, pending.Status);
        Assert.Equal("2 migration(s) pending on Sqlite database: a, b.", pending.Description);
        Assert.Equal(new[] { "a", "b" }, (string[])pending.Data["pending"]);
        Assert.False(System.IO.File.Exists(path)); // the check creates nothing

        await new MigrationRunner(map, MigrationOptions.ForSqlite(path)).UpgradeAsync();
        var healthy = await CheckAsync(map, path);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal("Sqlite database is at b.", healthy.Description);

        // The code of an older build: the database is newer than it.
        var older = await CheckAsync(TestMigrations.Graph("a"), path);
        Assert.Equal(HealthStatus.Unhealthy, older.Status);
        Assert.StartsWith("DatabaseNewerThanCode: ", older.Description, StringComparison.Ordinal);

        // An applied migration edited since.
        var edited = _files.NewPath();
        await new MigrationRunner(TestMigrations.Statements("e", "CREATE TABLE t_e (id INTEGER)"), MigrationOptions.ForSqlite(edited)).UpgradeAsync();
        var changed = await CheckAsync(TestMigrations.Statements("e", "CREATE TABLE t_e (id INTEGER, name TEXT)"), edited);
        Assert.Equal(HealthStatus.Unhealthy, changed.Status);
        Assert.StartsWith("ChangedMigrations: Migration e (runs statements) was changed after it was applied", changed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_records_steps_durations_lock_wait_and_the_backup_and_traces_one_activity_with_an_event_per_step()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MigrationTelemetry.Name)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Mine.Value)
                measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        }
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Measured(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Measured(i, v, t));
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MigrationTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Mine.Value)
                    activities.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(tracing);

        var path = _files.NewPath();
        var map = TestMigrations.Graph("a", "b <- a");
        await new MigrationRunner(map, MigrationOptions.ForSqlite(path)).UpgradeAsync("a"); // a database to back up
        Mine.Value = true;
        var result = await new MigrationRunner(map, MigrationOptions.ForSqlite(path) with { Backup = new BackupOptions() }).UpgradeAsync();
        Mine.Value = false;

        var applied = Assert.Single(measurements, m => m.Instrument == "panel.migrations.applied");
        Assert.Equal((1d, "db.system.name=sqlite,panel.migrations.direction=upgrade"), (applied.Value, applied.Tags));
        Assert.Single(measurements, m => m.Instrument == "panel.migrations.step.duration" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "panel.migrations.lock.wait" && m.Tags == "db.system.name=sqlite");
        Assert.Single(measurements, m => m.Instrument == "panel.migrations.backup.duration" && m.Value > 0);
        var size = Assert.Single(measurements, m => m.Instrument == "panel.migrations.backup.size");
        Assert.Equal(new System.IO.FileInfo(result.Backup!).Length, size.Value, 0);

        var run = Assert.Single(activities);
        Assert.Equal("panel.migrations upgrade", run.DisplayName);
        Assert.Equal("sqlite", run.GetTagItem("db.system.name"));
        Assert.Equal("b", run.GetTagItem("panel.migrations.heads"));
        var step = Assert.Single(run.Events);
        Assert.Equal("step committed", step.Name);
        Assert.Equal("b", step.Tags.Single(t => t.Key == "panel.migrations.revision").Value);
    }
}
