using System;

namespace Panel.Migrations;

/// <summary>Where and how the pipeline keeps the automatic backup it takes before changing a database.</summary>
public sealed record BackupOptions
{
    /// <summary>
    /// The folder of the backups; null: <c>backups</c> next to the SQLite file (<c>data/backups</c> for <c>data/default.db</c>),
    /// and <c>data/backups</c> under the current directory for PostgreSQL and MySQL/MariaDB.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>How many automatic backups of one database to keep (the newest); older ones are deleted after a new one is taken.</summary>
    public int Keep { get; init; } = 10;

    /// <summary>
    /// The folder of the database's own tools (<c>pg_dump</c>, <c>pg_restore</c> and <c>psql</c>; <c>mariadb-dump</c> and
    /// <c>mariadb</c>, or <c>mysqldump</c> and <c>mysql</c>), e.g. <c>/usr/lib/postgresql/16/bin</c>; null: the folder in
    /// <c>PANEL_MIGRATIONS_BACKUP_TOOLS</c>, else PATH. Not used for SQLite.
    /// </summary>
    public string? ToolsFolder { get; init; }

    /// <summary>The clock that names the files (tests set it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The backup options that <paramref name="policy"/> asks for in <paramref name="environment"/>, or null when it asks
    /// for none: one rule for the command line and the hosted service.
    /// </summary>
    /// <param name="policy">When to back up.</param>
    /// <param name="environment">The environment the app runs in.</param>
    /// <param name="folder">The folder, or null for <c>backups</c> next to the database file.</param>
    /// <param name="keep">How many to keep.</param>
    public static BackupOptions? For(BackupPolicy policy, MigrationEnvironment environment, string? folder = null, int keep = 10) =>
        policy switch
        {
            BackupPolicy.Never => null,
            BackupPolicy.ProductionOnly when environment != MigrationEnvironment.Production => null,
            _ => new BackupOptions { Folder = folder, Keep = keep },
        };
}
