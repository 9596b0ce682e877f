using System;

namespace Panel.Migrations;

/// <summary>
/// A migration run failed; the message names the problem and the fix. The database was left as it was
/// before the failing step.
/// </summary>
public class MigrationException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public MigrationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public MigrationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The automatic backup of the database as it was before the failed run, when one was taken.</summary>
    public string? Backup { get; init; }
}
