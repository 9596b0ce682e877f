namespace Panel.Migrations;

/// <summary>The databases Panel.Migrations runs on.</summary>
public enum DatabaseKind
{
    /// <summary>SQLite, through Microsoft.Data.Sqlite.</summary>
    Sqlite,
    /// <summary>PostgreSQL, through Npgsql.</summary>
    PostgreSql,
    /// <summary>MySQL or MariaDB, through MySqlConnector.</summary>
    MySql,
}
