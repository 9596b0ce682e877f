using System;

namespace Panel.Migrations.Testing;

/// <summary>
/// A check of the test kit failed. The message says what was found and how to fix it, and starts with the revision it is
/// about (<see cref="Revision"/>), so any test framework shows it as the test's failure.
/// </summary>
public sealed class MigrationTestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="revision">The revision the failure is about, or null when it is about the whole graph.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MigrationTestException(string? revision, string message, Exception? innerException = null)
        : base(message, innerException) => Revision = revision;

    /// <summary>Creates the exception about the whole graph.</summary>
    public MigrationTestException()
        : this(null, "A migration check failed.")
    {
    }

    /// <summary>Creates the exception about the whole graph.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public MigrationTestException(string message)
        : this(null, message)
    {
    }

    /// <summary>Creates the exception about the whole graph.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public MigrationTestException(string message, Exception innerException)
        : this(null, message, innerException)
    {
    }

    /// <summary>The revision the failure is about; null when it is about the whole graph.</summary>
    public string? Revision { get; }

    /// <summary>"Revision abc (message)" for a failure message.</summary>
    internal static string Name(MigrationMap map, string revision) =>
        map[revision].Message.Length == 0 ? $"Revision {revision}" : $"Revision {revision} ({map[revision].Message})";
}
