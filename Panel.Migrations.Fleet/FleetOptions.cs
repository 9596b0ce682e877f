using System;

namespace Panel.Migrations.Fleet;

/// <summary>How a fleet run goes: the target, the run's name, parallelism, waves and stop rule, leases, and what each database's run gets.</summary>
public sealed record FleetOptions
{
    /// <summary>The revision every database is upgraded to.</summary>
    public string Target { get; init; } = "head";

    /// <summary>The run's name in the state; runners given the same name share the run. Null: a new name from the clock.</summary>
    public string? RunId { get; init; }

    /// <summary>Resume run <see cref="RunId"/>: its failed databases are tried again and those never reached are started.</summary>
    public bool Resume { get; init; }

    /// <summary>How many databases this runner upgrades at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The waves (a canary of 1 %, then 10 %, then the rest by default).</summary>
    public FleetWaves Waves { get; init; } = FleetWaves.Default;

    /// <summary>When the run stops starting databases.</summary>
    public FleetStopRule StopRule { get; init; } = FleetStopRule.Default;

    /// <summary>How long a claim lasts without renewal; a runner renews its claims every third of it, so a runner that died loses them after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a runner waits, when nothing is free to claim, before it looks again (others may still be busy in the wave).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long each database's upgrade waits for a lock held elsewhere before it is recorded as failed (locked).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a transient failure per database (fewer than a single upgrade's: an unreachable member must not hold up a worker for long).</summary>
    public RetryPolicy Retry { get; init; } = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>The automatic backup each database's run takes before its first step (SQLite files); null takes none.</summary>
    public BackupOptions? Backup { get; init; }

    /// <summary>Adjusts each database's options (transaction mode, command timeout ...) before its run.</summary>
    public Func<FleetMember, MigrationOptions, MigrationOptions>? ConfigureMember { get; init; }

    /// <summary>Where the member list came from, stored with the run so that a resume can find it (never a password).</summary>
    public string? Source { get; init; }

    /// <summary>This runner's name in the state's rows. Null: machine, process id and a random suffix.</summary>
    public string? RunnerId { get; init; }

    /// <summary>Called after each database this runner finished (from several threads; keep it quick).</summary>
    public Action<FleetProgress>? Progress { get; init; }
}
