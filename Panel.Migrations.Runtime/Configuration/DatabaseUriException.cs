using System;

namespace Panel.Migrations;

/// <summary>
/// Thrown when a <c>DATABASE_URI</c> cannot be understood. The message names what is wrong and shows the
/// accepted forms; it never contains the password, even when the input itself was malformed.
/// </summary>
public sealed class DatabaseUriException : FormatException
{
    /// <summary>The accepted forms, appended to every message of this exception.</summary>
    public const string ExpectedForms =
        "Expected sqlite:///relative/path.db, sqlite:////absolute/path.db, "
        + "postgresql://user:password@host:5432/database or mysql://user:password@host:3306/database.";

    /// <summary>Creates the exception with a message that must already be free of secrets.</summary>
    /// <param name="message">The complete message, password-free.</param>
    public DatabaseUriException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that must already be free of secrets, and its cause.</summary>
    /// <param name="message">The complete message, password-free.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public DatabaseUriException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public DatabaseUriException()
        : base("DATABASE_URI is not valid. " + ExpectedForms)
    {
    }
}
