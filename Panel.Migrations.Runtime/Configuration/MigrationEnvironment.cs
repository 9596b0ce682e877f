namespace Panel.Migrations;

/// <summary>The deployment environment, read from the <c>ENVIRONMENT</c> variable; it picks the default database.</summary>
public enum MigrationEnvironment
{
    /// <summary><c>development</c>, the default: <c>DATABASE_URI</c> or else <c>sqlite:///data/default.db</c>.</summary>
    Development,

    /// <summary><c>production</c>: <c>DATABASE_URI</c> is required; there is no default database.</summary>
    Production,

    /// <summary><c>testing</c>: <c>DATABASE_URI</c> or else the file <c>sqlite:///data/test.db</c>.</summary>
    Testing,
}
