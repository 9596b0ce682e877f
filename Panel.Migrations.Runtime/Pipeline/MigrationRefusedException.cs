using System;
using System.Linq;

namespace Panel.Migrations;

/// <summary>
/// A run refused by preflight, before anything was written: no version or log table created, no backup taken, the
/// database exactly as it was. <see cref="Plan"/> holds every finding; the message joins the refusals.
/// </summary>
public sealed class MigrationRefusedException : MigrationException
{
    /// <summary>A refusal of <paramref name="plan"/>.</summary>
    public MigrationRefusedException(MigrationPlan plan)
        : base(string.Join(" ", (plan ?? throw new ArgumentNullException(nameof(plan))).Findings.Where(f => f.Blocks).Select(f => f.Message)))
    {
        Plan = plan;
    }

    /// <summary>The plan that was refused, with its findings.</summary>
    public MigrationPlan Plan { get; }
}
