using System;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// The kill harness (<see cref="KillHarness"/>) on SQLite: <see cref="Reliability.Kills"/> SIGKILLs (5 by default, 50 with
/// <c>PANEL_RELIABILITY_FULL=1</c>) at moments drawn from <c>PANEL_KILL_SEED</c>. Its own class, so it runs beside the
/// PostgreSQL collection.
/// </summary>
public sealed class SqliteKillSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly SqliteFiles _files = new();

    [Fact]
    public Task KilledSqliteUpgradesLeaveASoundDatabaseAtARevisionAndNoRowLost() =>
        new KillHarness(new SqliteKillTarget(_files), KillSeed.Value, output.WriteLine).RunAsync(Reliability.Kills);

    public void Dispose() => _files.Dispose();
}

/// <summary>The kill harness on PostgreSQL, a fresh database of the shared test server for each kill.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKillSafetyTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [PostgresFact]
    public Task KilledPostgreSqlUpgradesLeaveTheDatabaseAtARevisionAndNoRowLost() =>
        new KillHarness(new PostgresKillTarget(postgres), KillSeed.Value, output.WriteLine).RunAsync(Reliability.Kills);
}
