namespace Panel.Migrations.Cli;

/// <summary>The exit codes of <see cref="MigrationCommandLine"/>.RunAsync.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary><c>check</c>: the database is not at head; <c>check --schema</c>: its schema has drifted from the one its revisions make.</summary>
    public const int CheckFailed = 1;

    /// <summary>A usage or configuration error: unknown command or option, an unknown revision, a bad <c>DATABASE_URI</c>.</summary>
    public const int UsageError = 2;

    /// <summary>The database or a migration failed: cannot connect, locked, a statement was rejected, a file could not be written.</summary>
    public const int DatabaseError = 3;

    /// <summary>
    /// Cancelled by Ctrl+C (SIGINT) or the caller's token: the step that was running was rolled back (MySQL/MariaDB: stopped
    /// between statements), the committed ones stay, and the last line says where the database is. 128 + 2, as shells report it.
    /// </summary>
    public const int Interrupted = 130;

    /// <summary>Cancelled by SIGTERM (systemd, docker stop, kill), otherwise as <see cref="Interrupted"/>. 128 + 15.</summary>
    public const int Terminated = 143;
}
