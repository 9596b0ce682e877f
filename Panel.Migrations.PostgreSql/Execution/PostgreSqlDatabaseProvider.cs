using System;
using System.Collections.Generic;
using System.Data.Common;
using Npgsql;
using Panel.Migrations.Backups;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Execution;

/// <summary>PostgreSQL through Npgsql: the adapter, the catalog reader, pg_dump backups and the server connections.</summary>
internal sealed class PostgreSqlDatabaseProvider : DatabaseProvider
{
    public override DatabaseKind Kind => DatabaseKind.PostgreSql;

    public override DatabaseAdapter CreateAdapter(MigrationOptions options) => new PostgreSqlAdapter(options);

    public override DatabaseBackup CreateBackup(MigrationOptions options, string? toolsFolder) => new PostgresDatabaseBackup(options, toolsFolder);

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string Unpooled(string connectionString, string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
            builder.Database = database;
        return builder.ConnectionString;
    }

    public override Catalog ReadCatalog(MigrationOptions options, IReadOnlySet<string> ignored)
    {
        using var connection = new NpgsqlConnection(options.ConnectionString);
        connection.Open();
        using var readOnly = connection.BeginTransaction();
        using (var command = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, readOnly))
            command.ExecuteNonQuery();
        return PostgresCatalogReader.Read(connection, ignored);
    }

    public override bool MayNotCreateDatabases(DbException error) => error is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege };

    public override void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public override string? FailureKind(Exception error) => error switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => "authentication",
        PostgresException { SqlState: "3D000" } => "missing",
        _ => null,
    };
}
