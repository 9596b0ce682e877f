using System.Threading.Tasks;
using Dapper;
using Npgsql;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Resume;

/// <summary>
/// A PostgreSQL step without a transaction (<see cref="MigrationTransaction.None"/>) of two <c>CREATE INDEX CONCURRENTLY</c>,
/// the second failing on duplicate values: the first index stays, the second is left invalid; resuming is refused with
/// what differs until the duplicates and the invalid index are gone, then finishes equal to a clean run.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresResumeTests(PostgresFixture postgres)
{
    private const string CreateUniqueIndex = "CREATE UNIQUE INDEX CONCURRENTLY \"ux_items_email\" ON \"items\" (\"email\")";

    private static readonly MigrationMap Map = new([
        new MigrationInfo("pg1", [], "items", () => new LambdaMigration(
            op => op.CreateTable("items", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("code", SqlType.String(20)).Column("email", SqlType.String(60))),
            op => op.DropTable("items"))),
        new MigrationInfo("pg2", ["pg1"], "two concurrent indexes", () => new LambdaMigration(
            op =>
            {
                op.CreateIndex("ix_items_code", "items", ["code"], concurrently: true);
                op.CreateIndex("ux_items_email", "items", ["email"], unique: true, concurrently: true);
            },
            op =>
            {
                op.DropIndex("ux_items_email", "items");
                op.DropIndex("ix_items_code", "items");
            }), transaction: MigrationTransaction.None),
    ]);

    [PostgresFact]
    public async Task AConcurrentIndexThatFailedIsRefusedUntilDroppedThenTheStepResumesToACleanRun()
    {
        var database = await postgres.CreateDatabaseAsync();
        await Runner(database).UpgradeAsync("pg1");
        await ExecuteAsync(database, "INSERT INTO items VALUES (1, 'a', 'same@example.com'), (2, 'b', 'same@example.com')");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner(database).UpgradeAsync());

        Assert.Contains($"failed at statement 2 of 2: {CreateUniqueIndex}", error.Message);
        Assert.Contains("it runs without a transaction, so each statement commits as it runs", error.Message);
        Assert.Contains("statement 1 took effect and stays applied", error.Message);
        Assert.Equal("failed 1 1", await TextAsync(database, "SELECT concat_ws(' ', status, statements_done, statement_running) FROM panel_migrations_log WHERE revision = 'pg2'"));

        // The failed build left its index behind, invalid: the catalog differs from the journal, so resuming is refused.
        var catalog = await CatalogAsync(database);
        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => Runner(database, resume: true).UpgradeAsync());
        Assert.Contains("Upgrade to pg2, two concurrent indexes is half-applied: 1 of 2 statement(s) took effect", refused.Message);
        Assert.Contains($"statement 2 ({CreateUniqueIndex}) has not run, but index ux_items_email on items exists but is invalid", refused.Message);
        Assert.Equal(catalog, await CatalogAsync(database));
        Assert.Equal(["pg1"], await Runner(database).CurrentAsync());

        await ExecuteAsync(database, "DELETE FROM items WHERE id = 2; DROP INDEX ux_items_email");
        var result = await Runner(database, resume: true).UpgradeAsync();

        Assert.Equal(["pg2"], result.HeadsAfter);
        var clean = await postgres.CreateDatabaseAsync();
        await Runner(clean).UpgradeAsync();
        Assert.Equal(await CatalogAsync(clean), await CatalogAsync(database));
        Assert.Equal("pg2", await TextAsync(database, "SELECT string_agg(version_num, ',') FROM alembic_version"));
        Assert.Equal("done 2", await TextAsync(database, "SELECT concat_ws(' ', status, statements_done) FROM panel_migrations_log WHERE revision = 'pg2' ORDER BY id DESC LIMIT 1"));
    }

    private static MigrationRunner Runner(string database, bool resume = false) => new(Map, MigrationOptions.ForPostgreSql(database) with { Resume = resume });

    // Columns and indexes (with their validity) outside the version and log tables.
    private static async Task<string> CatalogAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        var rows = await connection.QueryAsync<string>("""
            SELECT concat_ws(' ', table_name, column_name, data_type, is_nullable) FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name NOT IN ('alembic_version', 'panel_migrations_log')
            UNION ALL
            SELECT concat_ws(' ', c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname NOT IN ('alembic_version', 'panel_migrations_log') AND c.relnamespace = current_schema()::regnamespace
            ORDER BY 1
            """);
        return string.Join("\n", rows);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<string?> TextAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.ExecuteScalarAsync<string?>(sql);
    }
}
