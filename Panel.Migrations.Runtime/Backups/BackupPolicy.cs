namespace Panel.Migrations;

/// <summary>When <c>upgrade</c> and <c>downgrade</c> take an automatic backup of the database they are about to change (SQLite, PostgreSQL, MySQL/MariaDB).</summary>
public enum BackupPolicy
{
    /// <summary>Before every upgrade or downgrade that changes something (the default).</summary>
    Always,

    /// <summary>Only when <c>ENVIRONMENT</c> is <c>production</c>.</summary>
    ProductionOnly,

    /// <summary>Never; <c>backup</c> still works by hand.</summary>
    Never,
}
