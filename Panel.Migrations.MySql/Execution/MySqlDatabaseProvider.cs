using System;
using System.Collections.Generic;
using System.Data.Common;
using MySqlConnector;
using Panel.Migrations.Backups;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Execution;

/// <summary>MySQL and MariaDB through MySqlConnector: the adapter, the catalog reader, mariadb-dump backups and the server connections.</summary>
internal sealed class MySqlDatabaseProvider : DatabaseProvider
{
    public override DatabaseKind Kind => DatabaseKind.MySql;

    public override DatabaseAdapter CreateAdapter(MigrationOptions options) => new MySqlAdapter(options);

    public override DatabaseBackup CreateBackup(MigrationOptions options, string? toolsFolder) => new MySqlDatabaseBackup(options, toolsFolder);

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public override string Unpooled(string connectionString, string? database = null)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
            builder.Database = database;
        return builder.ConnectionString;
    }

    public override Catalog ReadCatalog(MigrationOptions options, IReadOnlySet<string> ignored)
    {
        using var connection = new MySqlConnection(options.ConnectionString);
        connection.Open();
        return MySqlCatalogReader.Read(connection, ignored);
    }

    // MySQL has no CREATEDB privilege of its own; a refused CREATE DATABASE keeps the server's own message.
    public override bool MayNotCreateDatabases(DbException error) => false;

    public override void ClearPool(string connectionString)
    {
        using var connection = new MySqlConnection(connectionString);
        MySqlConnection.ClearPool(connection);
    }

    public override string? FailureKind(Exception error) => error switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.AccessDenied } => "authentication",
        MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase } => "missing",
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } => "unreachable",
        _ => null,
    };
}
