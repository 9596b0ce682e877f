using System;
using System.Collections.Generic;
using System.Threading;

namespace Panel.Migrations;

/// <summary>
/// A run stopped because its <see cref="CancellationToken"/> was cancelled (Ctrl+C, SIGTERM, a host shutting down). The
/// steps that committed before it stay applied; the step that was running was rolled back (on MySQL/MariaDB, whose DDL is
/// not transactional, it stopped between statements and the message lists what it had applied). The message says where
/// the database stands.
/// </summary>
public sealed class MigrationCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and where the database stands.</param>
    /// <param name="committed">The steps this run committed before it was cancelled.</param>
    /// <param name="heads">The database's heads after the cancellation, or null when they could not be read.</param>
    /// <param name="innerException">What the run was doing when it stopped.</param>
    /// <param name="cancellationToken">The token that was cancelled.</param>
    public MigrationCanceledException(string message, IReadOnlyList<AppliedStep> committed, IReadOnlyList<string>? heads, Exception? innerException,
                                      CancellationToken cancellationToken)
        : base(message, innerException, cancellationToken)
    {
        Committed = committed;
        Heads = heads;
    }

    /// <summary>The steps this run committed before it was cancelled, in order.</summary>
    public IReadOnlyList<AppliedStep> Committed { get; }

    /// <summary>Where the database stands: its heads after the cancellation (empty: no revision), or null when they could not be read.</summary>
    public IReadOnlyList<string>? Heads { get; }
}
