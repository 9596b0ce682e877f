using Panel.Migrations.Execution;

namespace Panel.Migrations;

/// <summary>
/// PostgreSQL for Panel.Migrations, through Npgsql: <c>postgresql://</c> URIs and <see cref="MigrationOptions.ForPostgreSql"/>.
/// </summary>
public static class PostgreSqlProvider
{
    /// <summary>
    /// Makes this process able to migrate PostgreSQL databases; calling it again does nothing. The generated
    /// <c>MigrationRegistry</c> of an assembly that references this package calls it before the app's first line, so an app
    /// needs it only when no such assembly is loaded. A trimmed or NativeAOT publish whose <c>PanelMigrationsDialects</c>
    /// does not name postgresql registers nothing, so the trimmer leaves Npgsql out.
    /// </summary>
    public static void Register()
    {
        if (DatabaseSupport.PostgreSql && !DatabaseProviders.Has(DatabaseKind.PostgreSql))
            DatabaseProviders.Add(new PostgreSqlDatabaseProvider());
    }
}
