using System;
using System.Collections.Generic;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>What a run did.</summary>
/// <param name="HeadsBefore">The database's heads before the run.</param>
/// <param name="HeadsAfter">The database's heads after the run.</param>
/// <param name="Steps">The steps this run applied, in order (empty when the database was already there).</param>
public sealed record MigrationResult(IReadOnlyList<string> HeadsBefore, IReadOnlyList<string> HeadsAfter, IReadOnlyList<AppliedStep> Steps)
{
    /// <summary>The edited migrations whose new checksums this run recorded (<see cref="MigrationOptions.AcceptChangedMigrations"/>).</summary>
    public IReadOnlyList<ChangedMigration> AcceptedChanges { get; init; } = [];

    /// <summary>The automatic backup this run took before its first step, or null.</summary>
    public string? Backup { get; init; }
}

/// <summary>One applied step.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Direction">Upgrade or downgrade.</param>
/// <param name="Elapsed">
/// How long the step took, its commit included; for a step sent together with others (PostgreSQL), as the server timed it,
/// from its first statement to its log row.
/// </param>
public sealed record AppliedStep(string Revision, MigrationDirection Direction, TimeSpan Elapsed);
