using System.Collections.Generic;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>
/// A step that ran outside a transaction (MySQL/MariaDB DDL, or <see cref="MigrationTransaction.None"/>) and stopped
/// part-way, by a failure or because the process died: some of its statements took effect, and the version table still
/// names the revision before it. The counts are the journal's, settled from the catalog where it was one statement behind.
/// </summary>
/// <param name="Revision">The step's revision.</param>
/// <param name="Direction">Whether it was an upgrade or a downgrade.</param>
/// <param name="StatementsDone">How many of its statements took effect (the first ones).</param>
/// <param name="StatementsTotal">How many statements the step has.</param>
/// <param name="Differences">Where the catalog disagrees with the journal (empty when they agree); a resume is refused then.</param>
/// <param name="Message">The step in words: what took effect, what differs, and the ways out.</param>
public sealed record HalfAppliedStep(string Revision, MigrationDirection Direction, int StatementsDone, int StatementsTotal, IReadOnlyList<string> Differences, string Message)
{
    /// <summary>True when the catalog shows every statement recorded as done undone again (by hand): the step can run from its start.</summary>
    public bool Undone { get; init; }

    /// <summary>The log row of the attempt (its journal).</summary>
    internal string LogId { get; init; } = "";

    /// <summary>Whether the catalog agrees with the journal on the statements that took effect (what an undo needs); the others may differ.</summary>
    internal bool DoneStatementsAgree { get; init; }

    /// <summary>Whether <c>--resume</c> (<see cref="MigrationOptions.Resume"/>) can continue it: the catalog agrees with the journal.</summary>
    public bool CanResume => Differences.Count == 0;
}
