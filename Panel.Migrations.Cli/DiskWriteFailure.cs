using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Cli;

/// <summary>
/// Says what to do when a write to disk failed: a full disk (SQLITE_FULL, ENOSPC) or a refused SQLite write
/// (SQLITE_IOERR: a file-size limit or a failing disk). The raw texts ("database or disk is full") name neither the
/// fix nor what became of the run.
/// </summary>
internal static class DiskWriteFailure
{
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;

    private const string Full = ". The disk holding the database (or its backup) is full: free some space and run the command again.";

    private const string Outcome = " Nothing half-written was kept: a migration that was running was rolled back, and 'current' shows the revision the database is at.";

    /// <summary>The message for <paramref name="error"/> (or the error inside it), or null when it is not a failed write.</summary>
    public static string? Describe(Exception error) => (error as SqliteException ?? error.InnerException as SqliteException) switch
    {
        { SqliteErrorCode: SqliteFull } sqlite => Sentence(sqlite.Message) + Full + Outcome,
        { SqliteErrorCode: SqliteIoError } sqlite => Sentence(sqlite.Message) + ". SQLite could not write the database file: the disk may be full or failing, or the file may " +
                                                     "have reached a size limit (ulimit -f). Fix that and run the command again." + Outcome,
        _ when error is IOException && error.Message.Contains("No space left on device", StringComparison.Ordinal) => Sentence(error.Message) + Full + Outcome,
        _ => null,
    };

    // The provider's text without its closing period, so that ours follows it.
    private static string Sentence(string message) => message.TrimEnd().TrimEnd('.');
}
