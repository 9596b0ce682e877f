using Panel.Migrations.Execution;

namespace Panel.Migrations;

/// <summary>
/// MySQL and MariaDB for Panel.Migrations, through MySqlConnector: <c>mysql://</c> and <c>mariadb://</c> URIs and <see cref="MigrationOptions.ForMySql"/>.
/// </summary>
public static class MySqlProvider
{
    /// <summary>
    /// Makes this process able to migrate MySQL and MariaDB databases; calling it again does nothing. The generated
    /// <c>MigrationRegistry</c> of an assembly that references this package calls it before the app's first line, so an app
    /// needs it only when no such assembly is loaded. A trimmed or NativeAOT publish whose <c>PanelMigrationsDialects</c>
    /// does not name mysql registers nothing, so the trimmer leaves MySqlConnector out.
    /// </summary>
    public static void Register()
    {
        if (DatabaseSupport.MySql && !DatabaseProviders.Has(DatabaseKind.MySql))
            DatabaseProviders.Add(new MySqlDatabaseProvider());
    }
}
