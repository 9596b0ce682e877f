using System;
using System.Collections.Generic;
using System.Data.Common;
using Panel.Migrations.Backups;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Execution;

/// <summary>
/// What a database server's driver brings (PostgreSQL: Panel.Migrations.PostgreSql with Npgsql; MySQL/MariaDB:
/// Panel.Migrations.MySql with MySqlConnector), so that the core carries no server driver: an app carries only the
/// drivers of the provider packages it references. Found through <see cref="DatabaseProviders"/>, never by reflection.
/// SQLite, the embedded default, stays in the core.
/// </summary>
internal abstract class DatabaseProvider
{
    /// <summary>The kind of database this provider serves.</summary>
    public abstract DatabaseKind Kind { get; }

    /// <summary>The run-time adapter (connections, lock, transient failures) for <paramref name="options"/>.</summary>
    public abstract DatabaseAdapter CreateAdapter(MigrationOptions options);

    /// <summary>The backups of <paramref name="options"/>'s database, with the tools in <paramref name="toolsFolder"/> or on PATH.</summary>
    public abstract DatabaseBackup CreateBackup(MigrationOptions options, string? toolsFolder);

    /// <summary>A new, closed connection for <paramref name="connectionString"/>.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// <paramref name="connectionString"/> without pooling, and pointed at <paramref name="database"/> when one is given: the
    /// connections that create and drop scratch databases, and the scratch databases' own.
    /// </summary>
    public abstract string Unpooled(string connectionString, string? database = null);

    /// <summary>Reads the catalog of <paramref name="options"/>' database, read-only, leaving out the <paramref name="ignored"/> tables.</summary>
    public abstract Catalog ReadCatalog(MigrationOptions options, IReadOnlySet<string> ignored);

    /// <summary>Whether <paramref name="error"/> says that the role may not create databases.</summary>
    public abstract bool MayNotCreateDatabases(DbException error);

    /// <summary>Closes the pooled connections of <paramref name="connectionString"/>.</summary>
    public abstract void ClearPool(string connectionString);

    /// <summary>A word for what went wrong (<c>authentication</c>, <c>missing</c>, <c>unreachable</c>) when the driver's error says; else null.</summary>
    public abstract string? FailureKind(Exception error);
}
