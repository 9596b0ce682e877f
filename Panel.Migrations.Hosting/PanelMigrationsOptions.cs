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

    /// <summary>How many automatic backups of the database to keep.</summary>
    public int BackupRetention { get; set; } = 10;
}
