using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Fleet;

/// <summary>
/// Closes the pooled connections of a database the fleet is done with: a fleet of thousands would otherwise keep a file
/// handle per SQLite file and a server connection per PostgreSQL or MySQL database open until the process ends.
/// </summary>
internal static class FleetPools
{
    public static void Clear(MigrationOptions options)
    {
        try
        {
            switch (options.Kind)
            {
                case DatabaseKind.Sqlite when DatabaseSupport.Sqlite: // a trimmed app leaves out the providers it was published without
                    using (var connection = new SqliteConnection(options.ConnectionString))
                        SqliteConnection.ClearPool(connection);
                    break;
                case DatabaseKind.PostgreSql or DatabaseKind.MySql when DatabaseProviders.Has(options.Kind):
                    DatabaseProviders.For(options.Kind).ClearPool(options.ConnectionString);
                    break;
            }
        }
        catch (System.ArgumentException)
        {
            // A connection string the provider rejects never opened a pool.
        }
    }
}
