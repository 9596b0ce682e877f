using System.Data.Common;
using MySqlConnector;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A real MariaDB server for the tests of the "mariadb" collection (see <see cref="ServerFixture"/>).
/// </summary>
/// <remarks>
/// The server comes from <c>PANEL_TEST_MYSQL</c> (a MySqlConnector connection string whose user may create
/// databases), which <c>test.sh</c> sets after starting <c>tests/scripts/mariadb.sh</c>. When it is missing
/// outside CI, the fixture starts that script itself (and stops it at the end), so a plain <c>dotnet test</c>
/// works; in CI (CI=true) a missing variable fails every test of the collection. <c>PANEL_SKIP_MYSQL=1</c>
/// (outside CI only) makes <see cref="MariaDbFactAttribute"/> tests skip, and a <c>[SkippableFact]</c> skip when it asks
/// for the server (<see cref="ServerFixture.ServerConnectionString"/>).
/// </remarks>
public sealed class MariaDbFixture : ServerFixture
{
    /// <summary>Environment variable with the server's connection string.</summary>
    public const string ConnectionVariable = "PANEL_TEST_MYSQL";

    /// <summary>Environment variable a developer sets to 1 to skip the MySQL tests (ignored in CI).</summary>
    public const string SkipVariable = "PANEL_SKIP_MYSQL";

    /// <summary>The skip reason shown for every MySQL test when skipping was asked for.</summary>
    public const string SkipReason = "PANEL_SKIP_MYSQL=1: MySQL/MariaDB tests skipped on request";

    private static readonly ServerNames Names = new(
        "MariaDB", "MySQL tests", ConnectionVariable, SkipVariable, SkipReason,
        "mariadb.sh", "PANEL_MYSQL_ENV_FILE", "panel-mysql-dotnet-test");

    /// <summary>Used by xunit: the server comes from the environment (or is started, see the remarks).</summary>
    public MariaDbFixture()
        : base(Names)
    {
    }

    /// <summary>True when a developer asked to skip the MySQL tests; never in CI.</summary>
    public static bool SkipRequested => SkipAsked(SkipVariable);

    private protected override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    private protected override string WithoutPooling(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private protected override string WithDatabase(string connectionString, string database) =>
        new MySqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private protected override void ClearAllPools() => MySqlConnection.ClearAllPools();

    private protected override string CreateDatabaseSql(string name) => $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4";

    // MariaDB drops a database even while other sessions use it.
    private protected override string DropDatabaseSql(string name) => $"DROP DATABASE IF EXISTS `{name}`";
}
