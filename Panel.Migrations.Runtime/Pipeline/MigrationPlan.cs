using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>
/// What an upgrade or downgrade would do to one database, as data: where the database is, each step with its SQL, and
/// every finding that decides whether the run may go ahead. Computed by <see cref="MigrationRunner.PlanAsync"/> without
/// writing anything; <c>upgrade --plan</c> prints it and <c>--plan --json</c> serializes it (docs/plan.md).
/// </summary>
/// <param name="Direction">Upgrade or downgrade.</param>
/// <param name="Target">The target as given (<c>head</c>, <c>-1</c>, a revision...).</param>
/// <param name="Database">The database, with its password masked.</param>
/// <param name="Kind">The kind of database.</param>
/// <param name="HeadsBefore">The database's heads now, sorted ordinally (empty for a new database).</param>
/// <param name="HeadsAfter">The heads after the plan ran; the same as before when the plan cannot run.</param>
/// <param name="Steps">The steps in the order they run.</param>
/// <param name="Findings">What preflight found: refusals (<see cref="PlanFinding.Blocks"/>) and warnings.</param>
public sealed record MigrationPlan(
    MigrationDirection Direction,
    string Target,
    string Database,
    DatabaseKind Kind,
    IReadOnlyList<string> HeadsBefore,
    IReadOnlyList<string> HeadsAfter,
    IReadOnlyList<PlannedStep> Steps,
    IReadOnlyList<PlanFinding> Findings)
{
    /// <summary>True when no finding refuses the run.</summary>
    public bool CanRun => !Findings.Any(f => f.Blocks);

    /// <summary>True when the plan has no step (the database is already at the target).</summary>
    public bool IsEmpty => Steps.Count == 0;
}
