using System;
using System.Data.Common;
using Npgsql;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests of the "postgres" collection (see <see cref="ServerFixture"/>).
/// </summary>
/// <remarks>
/// The server comes from <c>PANEL_TEST_POSTGRES</c> (a Npgsql connection string whose role may create
/// databases), which <c>test.sh</c> sets after starting <c>tests/scripts/postgres.sh</c>. When it is
/// missing outside CI, the fixture starts that script itself (and stops it at the end), so a plain
/// <c>dotnet test</c> works; in CI (CI=true) a missing variable fails every test of the collection.
/// <c>PANEL_SKIP_POSTGRES=1</c> (outside CI only) makes <see cref="PostgresFactAttribute"/> tests skip, and a
/// <c>[SkippableFact]</c> skip when it asks for the server (<see cref="ServerFixture.ServerConnectionString"/>).
/// </remarks>
public sealed class PostgresFixture : ServerFixture
{
    /// <summary>Environment variable with the server's connection string.</summary>
    public const string ConnectionVariable = "PANEL_TEST_POSTGRES";

    /// <summary>Environment variable a developer sets to 1 to skip the PostgreSQL tests (ignored in CI).</summary>
    public const string SkipVariable = "PANEL_SKIP_POSTGRES";

    /// <summary>The skip reason shown for every PostgreSQL test when skipping was asked for.</summary>
    public const string SkipReason = "PANEL_SKIP_POSTGRES=1: PostgreSQL tests skipped on request";

    private static readonly ServerNames Names = new(
        "PostgreSQL", "PostgreSQL tests", ConnectionVariable, SkipVariable, SkipReason,
        "postgres.sh", "PANEL_PG_ENV_FILE", "panel-pg-dotnet-test");

    /// <summary>Used by xunit: the server comes from the environment (or is started, see the remarks).</summary>
    public PostgresFixture()
        : base(Names)
    {
    }

    /// <summary>A fixture on a given server, for tests of the fixture itself.</summary>
    internal PostgresFixture(string serverConnectionString)
        : base(Names, serverConnectionString)
    {
    }

    /// <summary>True when a developer asked to skip the PostgreSQL tests; never in CI.</summary>
    public static bool SkipRequested => SkipAsked(SkipVariable);

    private protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    private protected override string WithoutPooling(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private protected override string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private protected override void ClearAllPools() => NpgsqlConnection.ClearAllPools();

    private protected override string CreateDatabaseSql(string name) => $"CREATE DATABASE \"{name}\"";

    // WITH (FORCE) ends the connections tests left open.
    private protected override string DropDatabaseSql(string name) => $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
}

/// <summary>The xunit collection of the tests that use <see cref="PostgresFixture"/>: <c>[Collection("postgres")]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "postgres";
}

/// <summary>A <see cref="FactAttribute"/> for PostgreSQL tests: skipped (with the reason) when <c>PANEL_SKIP_POSTGRES=1</c> outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when skipping was asked for.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresFixture.SkipRequested)
        {
            Skip = PostgresFixture.SkipReason;
        }
    }
}

/// <summary>A <see cref="TheoryAttribute"/> for PostgreSQL tests, skipped like <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when skipping was asked for.</summary>
    public PostgresTheoryAttribute()
    {
        if (PostgresFixture.SkipRequested)
        {
            Skip = PostgresFixture.SkipReason;
        }
    }
}
