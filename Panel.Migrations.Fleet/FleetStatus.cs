using System.Collections.Generic;

namespace Panel.Migrations.Fleet;

/// <summary>A fleet run at a glance: counts by status and by revision, and the failures grouped by message.</summary>
/// <param name="Run">The run.</param>
/// <param name="ByStatus">How many databases are pending, running, upgraded, unchanged, failed (every status listed).</param>
/// <param name="ByRevision">How many databases are at each revision (<c>base</c> for none; <c>unknown</c> when never read).</param>
/// <param name="Failures">The failures, grouped by kind and message, largest group first.</param>
public sealed record FleetStatus(FleetRun Run, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByRevision, IReadOnlyList<FleetFailureGroup> Failures)
{
    /// <summary>Whether every database is upgraded or unchanged.</summary>
    public bool Succeeded => ByStatus.GetValueOrDefault("upgraded") + ByStatus.GetValueOrDefault("unchanged") == Run.Members;
}

/// <summary>Failures that share a kind and a message (the database's own name in it replaced by <c>{database}</c>).</summary>
/// <param name="Kind">unreachable, authentication, refused, locked, migration or error.</param>
/// <param name="Message">The message.</param>
/// <param name="Count">How many databases failed so.</param>
/// <param name="Databases">The databases (passwords masked), in list order.</param>
public sealed record FleetFailureGroup(string Kind, string Message, int Count, IReadOnlyList<string> Databases);
