using System;
using System.IO;

namespace Panel.Migrations.Cli;

/// <summary>How <see cref="MigrationCommandLine"/> runs: where it writes, where it reads its settings, and where files go.</summary>
public sealed record MigrationCommandLineOptions
{
    /// <summary>Where command output goes (listings, SQL, progress); default <see cref="Console.Out"/>.</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Where <c>FAILED: ...</c> lines and warnings go; default <see cref="Console.Error"/>.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Reads an environment variable (<c>ENVIRONMENT</c>, <c>DATABASE_URI</c>, <c>NO_COLOR</c>, ...);
    /// default <see cref="Environment.GetEnvironmentVariable(string)"/>. Tests pass a dictionary lookup.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    /// <summary>The directory relative paths are resolved against: SQLite files, the configuration file,
    /// the migrations folder and the backups folder; default the current directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The folder <c>create</c> and <c>merge</c> write new migration files into; default <c>Migrations</c>
    /// under <see cref="ProjectDirectory"/>.</summary>
    public string? MigrationsFolder { get; init; }

    /// <summary>
    /// The application's project folder: <see cref="MigrationsFolder"/> and the namespace of new files are relative to it.
    /// Default: the project folder its build recorded (build/Panel.Migrations.targets), while it exists; else <see cref="BaseDirectory"/>.
    /// </summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>The application's root namespace. New migration files are put in it plus the migrations folder's path
    /// (<c>AaPanel</c> and <c>Migrations</c> give <c>AaPanel.Migrations</c>). Default: the RootNamespace its build recorded;
    /// without one, <c>Migrations</c>.</summary>
    public string? RootNamespace { get; init; }

    /// <summary>The JSON file of database URIs per environment, e.g. <c>{"development": "sqlite:///data/default.db",
    /// "production": "postgresql://panel@localhost/panel"}</c>; default <c>migrations.json</c> under
    /// <see cref="BaseDirectory"/>, used only when it exists. <c>--config</c> overrides it.</summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>
    /// The folder of backups; default <c>backups</c> next to a SQLite file (<c>data/backups</c> for <c>data/default.db</c>),
    /// and <c>data/backups</c> under <see cref="BaseDirectory"/> for PostgreSQL and MySQL/MariaDB. The configuration file's
    /// <c>"backups": {"folder": ...}</c> overrides it.
    /// </summary>
    public string? BackupFolder { get; init; }

    /// <summary>
    /// The folder of the database's backup tools (<c>pg_dump</c>, <c>pg_restore</c>, <c>psql</c>; <c>mariadb-dump</c>,
    /// <c>mariadb</c>); default the <c>PANEL_MIGRATIONS_BACKUP_TOOLS</c> environment variable, else PATH.
    /// </summary>
    public string? BackupToolsFolder { get; init; }

    /// <summary>When <c>upgrade</c> and <c>downgrade</c> back up the database before changing it; default always.</summary>
    public BackupPolicy AutomaticBackups { get; init; } = BackupPolicy.Always;

    /// <summary>
    /// Which backups of one database to keep when a new one is written (older ones are deleted); default the newest 10. The
    /// configuration file's <c>"backups"</c> keys (<c>keep</c>, <c>keepDaily</c>, ...) and <c>backup --keep ...</c> override it.
    /// </summary>
    public BackupRetention BackupRetention { get; init; } = new();

    /// <summary>
    /// Where copies of each new backup go off the machine, read from the configuration file and the environment:
    /// <c>RemoteBackupTargets.From</c> of the package Panel.Migrations.RemoteBackups (S3, SFTP). Null: none, and
    /// <c>backup list --remote</c> and <c>restore --remote</c> say how to add them.
    /// </summary>
    public Func<SettingsSources, System.Collections.Generic.IReadOnlyList<BackupRemote>>? BackupRemotes { get; init; }

    /// <summary>How a failed upload to a remote is retried; default 4 attempts, 2 s doubling to 30 s (<see cref="BackupOptions.UploadRetry"/>).</summary>
    public RetryPolicy? BackupUploadRetry { get; init; }

    /// <summary>Adjusts the runner's options after they were read from the environment (version table, transaction mode, ...).</summary>
    public Func<MigrationOptions, MigrationOptions>? ConfigureMigrations { get; init; }

    /// <summary>Whether to colour the output; default only when writing to a terminal and <c>NO_COLOR</c> is not set.</summary>
    public bool? Color { get; init; }

    /// <summary>The clock for backup names and file headers; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Makes new revision ids; default 12 random lower-case hex digits, like Alembic.</summary>
    public Func<string>? NewRevisionId { get; init; }
}
