using System.Linq;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A MariaDB database's schema as text (columns, indexes, constraints; the version and log tables left out), to compare;
/// and one-line queries on a test database.
/// </summary>
internal static class MariaDbCatalog
{
    // Alembic's version table and our migration log are bookkeeping, not schema.
    public const string Bookkeeping = "('alembic_version', 'panel_migrations_log')";

    public static async Task<string> DumpAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        var columns = await connection.QueryAsync<string>($"""
            SELECT CONCAT_WS(' ', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '-'), EXTRA)
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN {Bookkeeping} ORDER BY TABLE_NAME, ORDINAL_POSITION
            """);
        var indexes = await connection.QueryAsync<string>($"""
            SELECT CONCAT_WS(' ', TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME)
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN {Bookkeeping} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """);
        var constraints = await connection.QueryAsync<string>($"""
            SELECT CONCAT_WS(' ', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE)
            FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME NOT IN {Bookkeeping} ORDER BY TABLE_NAME, CONSTRAINT_NAME
            """);
        return string.Join("\n", columns.Concat(indexes).Concat(constraints));
    }

    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(database);
        await connection.ExecuteAsync(sql);
    }

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public static async Task<string?> TextAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(database);
        return await connection.ExecuteScalarAsync<string?>(sql);
    }
}
