using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Schema;

/// <summary>Reads the catalog of the database that <see cref="MigrationOptions"/> name, read-only, leaving out our bookkeeping tables.</summary>
internal static class CatalogReader
{
    /// <summary>The version table and the migration log of these options: never part of a schema we write or compare.</summary>
    public static IReadOnlySet<string> BookkeepingTables(MigrationOptions options) =>
        new HashSet<string>(StringComparer.Ordinal) { options.VersionTable, MigrationLog.NameFor(options.VersionTable) };

    /// <summary>Reads the SQLite, PostgreSQL or MySQL/MariaDB catalog.</summary>
    public static Catalog Read(MigrationOptions options)
    {
        var ignored = BookkeepingTables(options);
        switch (options.Kind)
        {
            case DatabaseKind.Sqlite:
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
                if (!File.Exists(builder.DataSource))
                {
                    throw new MigrationException($"The SQLite database {builder.DataSource} does not exist, so there is no schema to read.");
                }

                using (var connection = new SqliteConnection(builder.ToString()))
                {
                    connection.Open();
                    return SqliteCatalogReader.Read(connection, ignored);
                }

            default: // a server's driver is in its provider package
                return DatabaseProviders.For(options.Kind).ReadCatalog(options, ignored);
        }
    }
}
