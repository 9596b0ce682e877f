using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Kill;

/// <summary>PostgreSQL databases for the kill harness, each a fresh database of the shared test server.</summary>
internal sealed class PostgresKillTarget(PostgresFixture server) : KillTarget
{
    private const string NotOurs = "('alembic_version', 'panel_migrations_log')";

    public override DatabaseKind Kind => DatabaseKind.PostgreSql;

    // kx3 sleeps one second inside its transaction, after copying every row.
    public override string TargetedStage => "-> kx3,";

    public override string TargetedStageEnd => "-> kx4,";

    // The copy and the one-second sleep last more than a second.
    public override TimeSpan TargetedWindow(string stagesOfARun) => TimeSpan.FromMilliseconds(900);

    public override async Task<string> CreateDatabaseAsync(bool seeded)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Pooling = false }.ConnectionString;
        await QueryAsync(connectionString, KillMigrations.CreateItems + ";" + (seeded ? $"""
            INSERT INTO items SELECT i, 'name_' || (i * 7919 % 1000003), 'user' || i || '@example.com', md5(i::text) || md5((i + 1)::text)
            FROM generate_series(1, {KillMigrations.SeededRows}) AS i;
            """ : ""));
        return connectionString;
    }

    public override Task DropDatabaseAsync(string connectionString) => server.DropDatabaseAsync(connectionString);

    // From information_schema and pg_catalog; the server renders index, view, trigger and constraint definitions itself.
    protected override IEnumerable<string> CatalogQueries =>
    [
        $"SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN {NotOurs} ORDER BY table_name, column_name",
        $"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN {NotOurs} ORDER BY indexname",
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace " +
        $"AND conrelid::regclass::text NOT IN {NotOurs} ORDER BY 1, 2",
        "SELECT event_object_table, trigger_name, event_manipulation, action_timing, action_statement FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 2, 3",
        "SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = 'public' ORDER BY 1",
        "SELECT proname, pg_get_function_arguments(oid), md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
        $"SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN {NotOurs} ORDER BY 1",
    ];

    protected override string VersionTableExistsSql => "SELECT COUNT(*) FROM pg_class WHERE relname = 'alembic_version' AND relnamespace = 'public'::regnamespace";

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    // The server ends the killed client's session (rolling its transaction back) once it notices the closed socket,
    // at the latest when the running statement ends; the checks read the database after that.
    public override async Task<string> IntegrityAfterKillAsync(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        const string Others = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
        while ((await QueryAsync(connectionString, Others))[0] != "0")
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                return "the killed client's session was still open after 30 s";
            await Task.Delay(50);
        }
        return "ok";
    }
}
