using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

/// <summary>The executor on a real PostgreSQL server, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresExecutorTests(PostgresFixture postgres) : ExecutorTests
{
    protected override async Task<MigrationOptions> NewDatabaseAsync() => MigrationOptions.ForPostgreSql(await postgres.CreateDatabaseAsync());

    protected override async Task<IReadOnlyList<string>> TablesAsync(MigrationOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        return (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'alembic_version' ORDER BY table_name")).ToList();
    }

    protected override async Task<string> CatalogAsync(MigrationOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        var columns = await connection.QueryAsync<string>("""
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'alembic_version' ORDER BY table_name, ordinal_position
            """);
        var indexes = await connection.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'alembic_version' ORDER BY indexname");
        var constraints = await connection.QueryAsync<string>("""
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'alembic_version' ORDER BY conrelid::regclass::text, conname
            """);
        return string.Join("\n", columns.Concat(indexes).Concat(constraints));
    }

    protected override async Task<long> CountAsync(MigrationOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
