using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Packaging;

/// <summary>
/// Issue 28's "done when" for packages: a fresh app on the generic host, from the packed Panel.Migrations and
/// Panel.Migrations.Hosting alone (see <see cref="PackedConsumer"/>), builds for linux-x64 with warnings as errors, carries
/// only the SQLite driver, upgrades at start with a log line per step in order, reports the health check and emits the
/// metrics (read by a MeterListener in the app); a postgresql:// URI names the package it needs; SIGTERM during a step
/// rolls that step back, logs the committed ones and stops the app with exit code 0.
/// </summary>
public sealed class HostedAppPackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly PackedConsumer _packed = new(output);

    public void Dispose() => _packed.Dispose();

    private const string Migrations = """
        using Panel.Migrations;

        namespace PackConsumer;

        [Migration("a10000000001", Message = "create notes")]
        public sealed class CreateNotes : Migration
        {
            public override void Up(MigrationBuilder op) => op.CreateTable("notes", t => t
                .Column("id", SqlType.Integer, primaryKey: true)
                .Column("body", SqlType.Text, nullable: true));

            public override void Down(MigrationBuilder op) => op.DropTable("notes");
        }

        [Migration("a10000000002", DownRevision = "a10000000001", Message = "add title")]
        public sealed class AddTitle : Migration
        {
            public override void Up(MigrationBuilder op) =>
                op.BatchAlterTable("notes", t => t.AddColumn("title", SqlType.String(100), nullable: true));

            public override void Down(MigrationBuilder op) => op.BatchAlterTable("notes", t => t.DropColumn("title"));
        }

        // Counts to five billion, minutes of work: the step a signal interrupts.
        [Migration("a10000000003", DownRevision = "a10000000002", Message = "count slowly")]
        public sealed class CountSlowly : Migration
        {
            public override void Up(MigrationBuilder op)
            {
                op.Execute("CREATE TABLE counted (n INTEGER)");
                op.Execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT COUNT(*) FROM c");
            }

            public override void Down(MigrationBuilder op) => op.Execute("DROP TABLE counted");
        }
        """;

    // Logs go to stdout one line each; the metrics and the health check are printed after the host has started.
    private const string Program = """
        using System;
        using System.Collections.Concurrent;
        using System.Diagnostics.Metrics;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using Panel.Migrations;
        using Panel.Migrations.Hosting;
        using PackConsumer;

        var measured = new ConcurrentQueue<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MigrationTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.Enqueue($"metric {instrument.Name} {value}"));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.Enqueue($"metric {instrument.Name}"));
        meters.Start();

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddPanelMigrations(MigrationRegistry.Map, o =>
        {
            o.UpgradeOnStart = true;
            o.Target = builder.Configuration["Target"] ?? "head";
        });
        builder.Services.AddHealthChecks().AddCheck<PanelMigrationsHealthCheck>("migrations");
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (MigrationException error)
        {
            Console.WriteLine("start failed: " + error.Message);
            return 3;
        }

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        foreach (var line in measured)
            Console.WriteLine(line);
        Console.WriteLine($"health {report.Status}: {report.Entries["migrations"].Description}");
        await host.StopAsync();
        return 0;
        """;

    [Fact]
    public async Task A_hosted_app_from_the_packages_carries_only_SQLite_upgrades_at_start_and_reports_health_and_metrics()
    {
        await _packed.PackAsync("Panel.Migrations.Runtime", "Panel.Migrations.Hosting");
        var app = _packed.WriteApp("hosted", ["Panel.Migrations", "Panel.Migrations.Hosting"], """
            <ItemGroup>
              <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.5" />
              <PackageReference Include="Microsoft.Extensions.Diagnostics.HealthChecks" Version="10.0.8" />
            </ItemGroup>
            """, ("Migrations.cs", Migrations), ("Program.cs", Program));
        var (restored, restoreLog) = await _packed.RunAsync("dotnet", app, "restore", "-nologo", "--disable-build-servers", "-r", "linux-x64");
        Assert.True(restored == 0, restoreLog);

        var (built, buildLog) = await _packed.RunAsync("dotnet", app, "build", "--no-restore", "-c", "Release", "-r", "linux-x64", "-p:TreatWarningsAsErrors=true",
                                                       "-nologo", "-v:q", "-clp:NoSummary", "--disable-build-servers", "-p:UseSharedCompilation=false");
        Assert.True(built == 0, buildLog);

        // Only the SQLite driver: the server drivers live in Panel.Migrations.PostgreSql and Panel.Migrations.MySql.
        var bin = Path.Combine(app, "bin", "Release", "net10.0", "linux-x64");
        Assert.True(File.Exists(Path.Combine(bin, "Microsoft.Data.Sqlite.dll")), string.Join(", ", Directory.GetFiles(bin).Select(Path.GetFileName)));
        foreach (var driver in new[] { "Npgsql.dll", "MySqlConnector.dll", "Panel.Migrations.PostgreSql.dll", "Panel.Migrations.MySql.dll" })
            Assert.False(File.Exists(Path.Combine(bin, driver)), $"{driver} is in the SQLite app's output");

        var database = Path.Combine(_packed.Root, "hosted.db");
        var (ran, log) = await _packed.RunAsync("dotnet", app, Path.Combine(bin, "PackConsumer.dll"), "--ConnectionStrings:Panel=sqlite:///" + database,
                                                "--Target=a10000000002");
        output.WriteLine(log);
        Assert.True(ran == 0, log);
        string[] steps =
        [
            "Applying upgrade a10000000001: create notes", "Applied upgrade a10000000001 in ",
            "Applying upgrade a10000000002: add title", "Applied upgrade a10000000002 in ",
            "is at a10000000002: 2 migration(s) applied",
        ];
        var positions = steps.Select(step => log.IndexOf(step, StringComparison.Ordinal)).ToArray();
        Assert.True(positions.All(p => p >= 0), log);
        Assert.True(positions.SequenceEqual(positions.Order()), $"the step lines are out of order:\n{log}");
        Assert.Contains("health Healthy: ", log, StringComparison.Ordinal);
        Assert.Contains(" is at a10000000002.", log[log.IndexOf("health ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("metric panel.migrations.applied 1", log, StringComparison.Ordinal);
        Assert.Equal(2, log.Split('\n').Count(l => l.StartsWith("metric panel.migrations.step.duration", StringComparison.Ordinal)));

        // A server URI without its provider package: the sentence that names the package, before anything is written.
        var (refused, refusal) = await _packed.RunAsync("dotnet", app, Path.Combine(bin, "PackConsumer.dll"),
                                                        "--ConnectionStrings:Panel=postgresql://panel:secret@127.0.0.1:1/panel");
        output.WriteLine(refusal);
        Assert.Equal(3, refused);
        Assert.Contains("postgresql:// needs the Panel.Migrations.PostgreSql package: dotnet add package Panel.Migrations.PostgreSql", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refusal, StringComparison.Ordinal);

        // SIGTERM (systemctl stop, docker stop) on a fresh database while the third step counts: the statement is
        // interrupted, that step rolls back, the two committed ones stay and are logged, one line says where the database
        // is, and the host stops normally: exit code 0, as the README says.
        var cancelled = Path.Combine(_packed.Root, "cancelled.db");
        var (exit, cancelLog, stopped) = await _packed.SignalAsync("TERM", "Applying upgrade a10000000003: count slowly", "dotnet", app,
                                                                   Path.Combine(bin, "PackConsumer.dll"), "--ConnectionStrings:Panel=sqlite:///" + cancelled);
        output.WriteLine(cancelLog);
        Assert.True(exit == 0, $"exit {exit}:\n{cancelLog}");
        var applied = cancelLog.IndexOf("Applied upgrade a10000000002 in ", StringComparison.Ordinal);
        var stopLine = cancelLog.IndexOf(" to head was cancelled; the host stops. Cancelled. 2 step(s) committed before it: ", StringComparison.Ordinal);
        Assert.True(applied >= 0 && stopLine > applied, cancelLog);
        Assert.Contains("The step that was running, if any, was rolled back. The database is at a10000000002.", cancelLog[stopLine..], StringComparison.Ordinal);
        Assert.True(stopped < TimeSpan.FromSeconds(10), $"stopped {stopped.TotalSeconds:0.0} s after the signal: the count was awaited, not interrupted:\n{cancelLog}");
        Assert.Equal(["a10000000002"], CliHarness.Query(cancelled, "SELECT version_num FROM alembic_version"));
        Assert.Empty(CliHarness.Query(cancelled, "SELECT name FROM sqlite_master WHERE name = 'counted'"));
    }
}
