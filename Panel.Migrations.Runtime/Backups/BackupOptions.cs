using System;
using System.Collections.Generic;

namespace Panel.Migrations;

/// <summary>Where and how the pipeline keeps the automatic backup it takes before changing a database.</summary>
public sealed record BackupOptions
{
    /// <summary>
    /// The folder of the backups; null: <c>backups</c> next to the SQLite file (<c>data/backups</c> for <c>data/default.db</c>),
    /// and <c>data/backups</c> under the current directory for PostgreSQL and MySQL/MariaDB.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>Which backups of one database to keep after a new one is written; default the newest 10.</summary>
    public BackupRetention Retention { get; init; } = new();

    /// <summary>Where copies of each new backup go (S3, SFTP: Panel.Migrations.RemoteBackups); none by default.</summary>
    public IReadOnlyList<BackupRemote> Remotes { get; init; } = [];

    /// <summary>How an upload that failed, or whose copy read back differs, is retried; default 4 attempts, 2 s doubling to 30 s.</summary>
    public RetryPolicy UploadRetry { get; init; } = new(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

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
    /// <param name="retention">Which backups to keep; null for the newest 10.</param>
    public static BackupOptions? For(BackupPolicy policy, MigrationEnvironment environment, string? folder = null, BackupRetention? retention = null) =>
        policy switch
        {
            BackupPolicy.Never => null,
            BackupPolicy.ProductionOnly when environment != MigrationEnvironment.Production => null,
            _ => new BackupOptions { Folder = folder, Retention = retention ?? new BackupRetention() },
        };
}
