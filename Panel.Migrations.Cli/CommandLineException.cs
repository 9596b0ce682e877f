using System;

namespace Panel.Migrations.Cli;

/// <summary>A command failed with a message for the user and an exit code (see <see cref="ExitCodes"/>).</summary>
public sealed class CommandLineException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CommandLineException(string message, int exitCode = ExitCodes.UsageError, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    /// <summary>Creates the exception with a usage-error exit code.</summary>
    public CommandLineException()
        : this("The command failed.")
    {
    }

    /// <summary>Creates the exception with a usage-error exit code.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public CommandLineException(string message)
        : this(message, ExitCodes.UsageError)
    {
    }

    /// <summary>Creates the exception with a database-error exit code.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public CommandLineException(string message, Exception innerException)
        : this(message, ExitCodes.DatabaseError, innerException)
    {
    }

    /// <summary>The exit code the command line returns.</summary>
    public int ExitCode { get; }
}
