using System;

namespace Panel.Migrations.Hosting;

/// <summary>What <see cref="PanelMigrationsServiceCollectionExtensions.AddPanelMigrations"/> registers and how the host migrates.</summary>
public sealed class PanelMigrationsOptions
{
    /// <summary>
    /// The database and how to migrate it. When left null, it comes from the host when the runner is first resolved:
    /// <c>ConnectionStrings:Panel</c> (see <see cref="ConnectionStringName"/>), else <c>DATABASE_URI</c> (configuration or
    /// process), else, in the Development environment only, <c>sqlite:///data/default.db</c> under the content root. Any
    /// other environment without a database stops the host with an error saying what to set.
    /// </summary>
    public MigrationOptions? Migration { get; set; }

    /// <summary>The name under <c>ConnectionStrings</c> whose value is the database URI; <c>Panel</c> by default.</summary>
    public string ConnectionStringName { get; set; } = "Panel";

    /// <summary>Upgrade the database when the host starts, before the app serves. Off by default.</summary>
    public bool UpgradeOnStart { get; set; }

    /// <summary>The revision the start-up upgrade goes to; <c>head</c> by default (<c>heads</c> for a branched graph).</summary>
    public string Target { get; set; } = "head";

    /// <summary>
    /// When the upgrade backs the database up first, as the command line does (<see cref="BackupPolicy.Always"/> by default;
    /// a SQLite copy, <c>pg_dump</c> or <c>mariadb-dump</c>, whose folder <c>PANEL_MIGRATIONS_BACKUP_TOOLS</c> may name). Ignored when <see cref="Migration"/> sets <see cref="MigrationOptions.Backup"/> itself.
    /// </summary>
    public BackupPolicy AutomaticBackups { get; set; } = BackupPolicy.Always;

    /// <summary>The backups folder; null: <c>backups</c> next to a SQLite file, <c>data/backups</c> under the current directory for a server.</summary>
    public string? BackupFolder { get; set; }

    /// <summary>Which backups of the database to keep when a new one is written (newest N, daily, weekly, monthly); default the newest 10.</summary>
    public BackupRetention BackupRetention { get; set; } = new();

    /// <summary>Where copies of each new backup go off the machine (S3, SFTP: Panel.Migrations.RemoteBackups); none by default.</summary>
    public System.Collections.Generic.IReadOnlyList<BackupRemote> BackupRemotes { get; set; } = [];

    /// <summary>
    /// A cron expression (five fields, or six with seconds first) on which a hosted service backs the database up while the
    /// app runs, e.g. <c>0 3 * * *</c> for 03:00 every day; null (the default) schedules none. A backup due while a migration
    /// holds the lock is skipped (logged), and the next one is taken as usual. The same folder, retention and copies off the
    /// machine as the automatic backup.
    /// </summary>
    public string? BackupSchedule { get; set; }

    /// <summary>The time zone <see cref="BackupSchedule"/> is read in; default the machine's local one.</summary>
    public TimeZoneInfo BackupScheduleTimeZone { get; set; } = TimeZoneInfo.Local;
}
