using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Concurrency;

/// <summary>
/// Eight processes upgrade one database at once, round after round (each round a fresh database): every process
/// exits successfully, every revision is applied exactly once (its "Running upgrade" line appears in exactly one
/// process, and the migration log holds exactly one done upgrade row for it), and the database is at head.
/// <see cref="Reliability.Rounds"/> rounds: 3 by default, 20 with <c>PANEL_RELIABILITY_FULL=1</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ConcurrentProcessTests(PostgresFixture postgres) : IDisposable
{
    private readonly SqliteFiles _files = new();

    [Fact]
    public async Task EightProcessesUpgradeOneSqliteFile()
    {
        for (var round = 0; round < Reliability.Rounds; round++)
        {
            var path = _files.NewPath();
            await ConcurrentRounds.AssertEachRevisionAppliedOnceAsync("sqlite:///" + path, async sql =>
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
                return (await connection.QueryAsync<string>(sql)).ToList();
            });
        }
    }

    [PostgresFact]
    public async Task EightProcessesUpgradeOnePostgreSqlDatabase()
    {
        for (var round = 0; round < Reliability.Rounds; round++)
        {
            var connectionString = await postgres.CreateDatabaseAsync();
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            await ConcurrentRounds.AssertEachRevisionAppliedOnceAsync(
                $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{builder.Database}",
                async sql =>
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    return (await connection.QueryAsync<string>(sql)).ToList();
                }, builder.Password);
        }
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>The MariaDB rounds of <see cref="ConcurrentProcessTests"/>.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class ConcurrentMariaDbProcessTests(MariaDbFixture mariaDb)
{
    [MariaDbFact]
    public async Task EightProcessesUpgradeOneMariaDbDatabase()
    {
        for (var round = 0; round < Reliability.Rounds; round++)
        {
            var connectionString = await mariaDb.CreateDatabaseAsync();
            var server = new MySqlConnectionStringBuilder(connectionString);
            await ConcurrentRounds.AssertEachRevisionAppliedOnceAsync(
                $"mariadb://{Uri.EscapeDataString(server.UserID)}:{Uri.EscapeDataString(server.Password)}@{server.Server}:{server.Port}/{server.Database}?charset=utf8mb4",
                async sql =>
                {
                    await using var connection = new MySqlConnection(connectionString);
                    return (await connection.QueryAsync<string>(sql.Replace('"', '`'))).ToList();
                }, server.Password);
        }
    }
}

/// <summary>One round: eight sample processes at once, then the checks.</summary>
internal static partial class ConcurrentRounds
{
    private const int Processes = 8;

    public static async Task AssertEachRevisionAppliedOnceAsync(string databaseUri, Func<string, Task<System.Collections.Generic.List<string>>> query, string? password = null)
    {
        var outcomes = await SampleProcesses.RunManyAsync(Processes, databaseUri, "upgrade");

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}: {o.Error}"));
        if (!string.IsNullOrEmpty(password))
            Assert.All(outcomes, o => Assert.DoesNotContain(password, o.Output + o.Error, StringComparison.Ordinal));
        var applied = outcomes.SelectMany(o => RunningUpgrade().Matches(o.Output).Select(m => m.Groups[1].Value)).ToList();
        var revisions = AaPanel.MigrationRegistry.Map.Migrations.Select(m => m.Revision).ToList();
        Assert.Equal(revisions.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        var logged = await query("SELECT \"revision\" FROM \"panel_migrations_log\" WHERE \"status\" = 'done' AND \"direction\" = 'upgrade'");
        Assert.Equal(revisions.Order(StringComparer.Ordinal), logged.Order(StringComparer.Ordinal));

        var current = await SampleProcesses.RunAsync(databaseUri, "current");
        Assert.Equal(AaPanel.MigrationRegistry.Map.Graph.Heads.Single() + " (head)", current.Output.Trim());
    }

    [GeneratedRegex(@"^Running upgrade .*-> (\S+),", RegexOptions.Multiline)]
    private static partial Regex RunningUpgrade();
}

/// <summary>How hard the reliability suite pushes: short by default, the issue's full figures with <c>PANEL_RELIABILITY_FULL=1</c>.</summary>
internal static class Reliability
{
    public static bool Full => Environment.GetEnvironmentVariable("PANEL_RELIABILITY_FULL") == "1";

    /// <summary>Concurrent rounds per database.</summary>
    public static int Rounds => Full ? 20 : 3;

    /// <summary>Kills per database.</summary>
    public static int Kills => Full ? 50 : 5;
}
