using System;

namespace Panel.Migrations.Fleet;

/// <summary>One database's row in a fleet run's state (never a password: <see cref="Display"/> is masked).</summary>
/// <param name="Key">The member's stable key (<see cref="FleetMember.Key"/>).</param>
/// <param name="Display">The database with its password masked.</param>
/// <param name="Position">Its place in the member list, from 0.</param>
/// <param name="Wave">Its wave, from 0.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="RevisionBefore">Its heads before the upgrade (comma-separated; empty for a new database), when known.</param>
/// <param name="RevisionAfter">Its heads after the attempt, when known.</param>
/// <param name="Steps">The migrations applied.</param>
/// <param name="ErrorKind">For a failure: unreachable, authentication, refused, locked, migration or error.</param>
/// <param name="Error">For a failure: the message, passwords masked.</param>
/// <param name="Backup">The automatic backup taken before its first step, if any.</param>
/// <param name="Attempts">How many times a runner claimed it (more than one after a takeover or a resume).</param>
/// <param name="Runner">The runner that claimed it last.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When the last attempt finished.</param>
/// <param name="Elapsed">How long the last attempt took.</param>
public sealed record FleetMemberRecord(
    string Key, string Display, int Position, int Wave, FleetMemberStatus Status, string? RevisionBefore, string? RevisionAfter, int? Steps,
    string? ErrorKind, string? Error, string? Backup, int Attempts, string? Runner, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, TimeSpan? Elapsed);
