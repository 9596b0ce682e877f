using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>The ordered steps that take a database from its current heads to a target: the revision graph's walk, before any SQL (the runtime's <c>MigrationPlan</c> adds what the database and dialect say).</summary>
public sealed class RevisionWalk
{
    /// <summary>Creates a plan.</summary>
    public RevisionWalk(MigrationDirection direction, IReadOnlyList<MigrationStep> steps, IReadOnlyList<string> headsBefore, IReadOnlyList<string> headsAfter)
    {
        Direction = direction;
        Steps = steps;
        HeadsBefore = headsBefore;
        HeadsAfter = headsAfter;
    }

    /// <summary>Upgrade or downgrade; a stamp plan is a downgrade only when every step moves down.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<MigrationStep> Steps { get; }

    /// <summary>The version rows before the plan, sorted ordinally.</summary>
    public IReadOnlyList<string> HeadsBefore { get; }

    /// <summary>The version rows after the plan, sorted ordinally.</summary>
    public IReadOnlyList<string> HeadsAfter { get; }

    /// <summary>True when there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;
}
