using System;

namespace Panel.Migrations;

/// <summary>
/// Thrown when the migration environment is misconfigured: an unknown <c>ENVIRONMENT</c>, or production
/// without <c>DATABASE_URI</c>. The message names the problem and the fix. A malformed <c>DATABASE_URI</c>
/// is reported by <see cref="DatabaseUriException"/> instead.
/// </summary>
public sealed class MigrationConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public MigrationConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public MigrationConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MigrationConfigurationException()
        : base("The migration environment is misconfigured.")
    {
    }
}
