using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>One step of a plan: run one revision's <c>Up</c> or <c>Down</c> (or, for a stamp, nothing) and move the version rows.</summary>
public sealed class MigrationStep
{
    /// <summary>Creates a step.</summary>
    public MigrationStep(string revision, MigrationDirection direction, VersionChange change, IReadOnlyList<string> headsAfter, bool isStamp = false)
    {
        Revision = revision;
        Direction = direction;
        Change = change;
        HeadsAfter = headsAfter;
        IsStamp = isStamp;
    }

    /// <summary>The revision to run; for a stamp, the revision the rows move to (or the row deleted, when stamping to base).</summary>
    public string Revision { get; }

    /// <summary>Whether the step runs <c>Up</c> or <c>Down</c>.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>How the version rows change after the body ran.</summary>
    public VersionChange Change { get; }

    /// <summary>The version rows after this step, sorted ordinally.</summary>
    public IReadOnlyList<string> HeadsAfter { get; }

    /// <summary>True when the step only moves version rows and runs no migration body.</summary>
    public bool IsStamp { get; }

    /// <inheritdoc />
    public override string ToString() => (Direction == MigrationDirection.Upgrade ? "up " : "down ") + Revision + " (" + Change + ")";
}
