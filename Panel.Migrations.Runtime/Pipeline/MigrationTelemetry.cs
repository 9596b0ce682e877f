using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Panel.Migrations;

/// <summary>
/// The runtime's metrics and traces, under one name for OpenTelemetry: <c>.AddMeter(MigrationTelemetry.Name)</c> and
/// <c>.AddSource(MigrationTelemetry.Name)</c>. Every caller (command line, hosting, an app's own runner) records them.
/// </summary>
/// <remarks>
/// Instruments: <c>panel.migrations.applied</c> (counter, steps committed), <c>panel.migrations.step.duration</c> (s),
/// <c>panel.migrations.lock.wait</c> (s: the advisory lock of PostgreSQL and MySQL, SQLite's BEGIN IMMEDIATE of each step),
/// <c>panel.migrations.backup.duration</c> (s) and <c>panel.migrations.backup.size</c> (bytes), each tagged with
/// <c>db.system.name</c> (<c>sqlite</c>, <c>postgresql</c>, <c>mysql</c>) and, for steps, <c>panel.migrations.direction</c>.
/// Traces: one activity per upgrade or downgrade that has work to do (<c>panel.migrations upgrade</c>), with an event per
/// committed step (its revision and duration).
/// </remarks>
public static class MigrationTelemetry
{
    /// <summary>The name of the <see cref="Meter"/> and of the <see cref="ActivitySource"/>: <c>Panel.Migrations</c>.</summary>
    public const string Name = "Panel.Migrations";

    private static readonly string? Version = typeof(MigrationTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> Applied = Meter.CreateCounter<long>("panel.migrations.applied", "{step}", "Migration steps committed.");

    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("panel.migrations.step.duration", "s", "How long a step took, its commit included.");

    private static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>("panel.migrations.lock.wait", "s", "How long a run waited for the migration lock.");

    internal static string SystemName(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => "postgresql",
        DatabaseKind.MySql => "mysql",
        _ => "sqlite",
    };

    internal static void Record(DatabaseKind kind, MigrationEvent migrationEvent)
    {
        var system = new KeyValuePair<string, object?>("db.system.name", SystemName(kind));
        switch (migrationEvent)
        {
            case StepCommitted { Step: var step }:
                var direction = new KeyValuePair<string, object?>("panel.migrations.direction", step.Direction == Graph.MigrationDirection.Upgrade ? "upgrade" : "downgrade");
                Applied.Add(1, system, direction);
                StepDuration.Record(step.Elapsed.TotalSeconds, system, direction);
                if (Activity.Current is { } run && run.Source == Source)
                    run.AddEvent(new ActivityEvent("step committed", tags: new ActivityTagsCollection
                    {
                        ["panel.migrations.revision"] = step.Revision,
                        ["panel.migrations.step.duration"] = step.Elapsed.TotalSeconds,
                    }));
                break;
            case BackupTaken backup:
                BackupInstruments.Duration.Record(backup.Elapsed.TotalSeconds, system);
                BackupInstruments.Size.Record(backup.Bytes, system);
                break;
        }
    }

    internal static void RecordLockWait(DatabaseKind kind, TimeSpan waited) =>
        LockWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("db.system.name", SystemName(kind)));

    // Made at the first backup: each instrument costs a run that takes none its share of start-up (a deploy's included).
    private static class BackupInstruments
    {
        public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("panel.migrations.backup.duration", "s", "How long the automatic backup took.");

        public static readonly Histogram<long> Size = Meter.CreateHistogram<long>("panel.migrations.backup.size", "By", "The size of the automatic backup.");
    }
}
