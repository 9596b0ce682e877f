namespace Panel.Migrations.Fleet;

/// <summary>Where one database of a fleet run stands; stored in the state table as the lower-case name.</summary>
public enum FleetMemberStatus
{
    /// <summary>Not started yet (never reached, or reset for a resume).</summary>
    Pending,

    /// <summary>Claimed by a runner; if that runner dies, another takes it over when its lease ends.</summary>
    Running,

    /// <summary>Upgraded: at least one migration applied.</summary>
    Upgraded,

    /// <summary>Already at the target: nothing to do.</summary>
    Unchanged,

    /// <summary>Failed or refused; the error says why and the database is as the pipeline left it (a refusal changes nothing).</summary>
    Failed,
}
