using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Concurrency;

/// <summary>
/// Eight processes upgrade one database at once: every process exits successfully, every revision is
/// applied exactly once (its "Running upgrade" line appears in exactly one process), and the database is at head.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ConcurrentProcessTests(PostgresFixture postgres) : IDisposable
{
    private const int Processes = 8;
    private readonly SqliteFiles _files = new();

    [Fact]
    public async Task EightProcessesUpgradeOneSqliteFile() =>
        await AssertEachRevisionAppliedOnceAsync("sqlite:///" + _files.NewPath());

    [PostgresFact]
    public async Task EightProcessesUpgradeOnePostgreSqlDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync());
        await AssertEachRevisionAppliedOnceAsync(
            $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private static async Task AssertEachRevisionAppliedOnceAsync(string databaseUri)
    {
        var outcomes = await SampleProcesses.RunManyAsync(Processes, databaseUri, "upgrade");

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}: {o.Error}"));
        var applied = outcomes.SelectMany(o => RunningUpgrade().Matches(o.Output).Select(m => m.Groups[1].Value)).ToList();
        var revisions = AaPanel.MigrationRegistry.Map.Migrations.Select(m => m.Revision).ToList();
        Assert.Equal(revisions.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));

        var current = await SampleProcesses.RunAsync(databaseUri, "current");
        Assert.Equal(AaPanel.MigrationRegistry.Map.Graph.Heads.Single() + " (head)", current.Output.Trim());
    }

    [GeneratedRegex(@"^Running upgrade .*-> (\S+),", RegexOptions.Multiline)]
    private static partial Regex RunningUpgrade();

    public void Dispose() => _files.Dispose();
}
