using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Testing;

/// <summary>What a stairway checked, on which kind of database, and how long it took.</summary>
/// <param name="Kind">The kind of database it ran on.</param>
/// <param name="Steps">Every revision, in the order they were checked.</param>
/// <param name="Elapsed">The whole walk, creating and removing the database included.</param>
public sealed record StairwayReport(DatabaseKind Kind, IReadOnlyList<StairwayStep> Steps, TimeSpan Elapsed)
{
    /// <summary>The revisions that have no <c>Down</c>: upgraded, not downgraded.</summary>
    public IReadOnlyList<string> Irreversible => Steps.Where(s => s.Irreversible).Select(s => s.Revision).ToList();

    /// <summary>One line for a test log, e.g. <c>Stairway on Sqlite: 12 revisions up, down and up again in 0.84 s.</c></summary>
    public override string ToString() =>
        $"Stairway on {Kind}: {Steps.Count} revision(s) up, down and up again in {Elapsed.TotalSeconds:0.00} s"
        + (Irreversible.Count == 0 ? "." : $"; irreversible, upgraded only: {string.Join(", ", Irreversible)}.");
}

/// <summary>One revision of a stairway.</summary>
/// <param name="Revision">The revision id.</param>
/// <param name="Message">Its message ("" when none).</param>
/// <param name="Irreversible">True when it has no <c>Down</c>, so it was upgraded only.</param>
/// <param name="Elapsed">Upgrade, downgrade, upgrade again and the schema reads between them.</param>
public sealed record StairwayStep(string Revision, string Message, bool Irreversible, TimeSpan Elapsed);
