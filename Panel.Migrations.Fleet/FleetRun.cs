using System;

namespace Panel.Migrations.Fleet;

/// <summary>A fleet run as its state row has it.</summary>
/// <param name="RunId">The run's name.</param>
/// <param name="Target">The revision every database is upgraded to.</param>
/// <param name="Waves">The waves, as given.</param>
/// <param name="StopRule">The stop rule, as given.</param>
/// <param name="Source">Where the member list came from (a file path or a description; no password).</param>
/// <param name="Members">How many databases the run has.</param>
/// <param name="CreatedAt">When the run was created.</param>
/// <param name="Stopped">Why the run stopped before its end (the stop rule), or null.</param>
public sealed record FleetRun(string RunId, string Target, string Waves, string StopRule, string? Source, int Members, DateTimeOffset CreatedAt, string? Stopped);
