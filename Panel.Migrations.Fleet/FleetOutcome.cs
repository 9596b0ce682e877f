using System;
using System.Collections.Generic;

namespace Panel.Migrations.Fleet;

/// <summary>What one attempt on one database ended with, as a runner records it.</summary>
/// <param name="Member">The database.</param>
/// <param name="Status">Upgraded, unchanged or failed.</param>
/// <param name="HeadsBefore">Its heads before, when known.</param>
/// <param name="HeadsAfter">Its heads after, when known.</param>
/// <param name="Steps">The migrations applied.</param>
/// <param name="ErrorKind">For a failure, its kind (<see cref="FleetErrors"/>).</param>
/// <param name="Error">For a failure, the message with passwords masked.</param>
/// <param name="Backup">The automatic backup, if one was taken.</param>
/// <param name="Elapsed">How long the attempt took.</param>
public sealed record FleetOutcome(
    FleetMember Member, FleetMemberStatus Status, IReadOnlyList<string>? HeadsBefore, IReadOnlyList<string>? HeadsAfter, int Steps,
    string? ErrorKind, string? Error, string? Backup, TimeSpan Elapsed);
