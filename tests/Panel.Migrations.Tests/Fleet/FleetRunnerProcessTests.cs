using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Fleet;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Fleet;

/// <summary>
/// Runner processes (the sample's command line, real child processes) sharing one run through a PostgreSQL state table:
/// together they attempt every database exactly once; one killed mid-run leaves its claims, and another takes them over
/// once its lease has run out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FleetRunnerProcessTests(PostgresFixture postgres) : IDisposable
{
    private readonly SqliteFiles _files = new();

    [PostgresFact]
    public async Task Two_runner_processes_sharing_a_postgres_state_attempt_every_database_exactly_once()
    {
        var (memberFile, files, state) = await FleetAsync(40);

        var runs = await Task.WhenAll(Runner(memberFile, state, "shared").WaitAsync(), Runner(memberFile, state, "shared").WaitAsync());

        Assert.All(runs, r => Assert.True(r.Code == 0, r.Output + r.Error));
        var rows = await (await FleetState.OpenAsync(state)).MembersAsync("shared");
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.True(r.Status == FleetMemberStatus.Upgraded && r.Attempts == 1, $"{r.Display}: {r.Status}, {r.Attempts} attempt(s)"));
        Assert.Equal(2, rows.Select(r => r.Runner).Distinct().Count());
        Assert.All(files, f => Assert.Equal(FleetDatabases.Head, FleetDatabases.SqliteVersion(f)));
    }

    [PostgresFact]
    public async Task A_killed_runners_claims_are_taken_over_after_its_lease()
    {
        var (memberFile, files, state) = await FleetAsync(40);
        var fleet = await FleetState.OpenAsync(state);

        var first = Runner(memberFile, state, "killed", "--lease", "2");
        List<FleetMemberRecord> rows;
        var waited = Stopwatch.StartNew();
        do
        {
            await Task.Delay(100);
            rows = await fleet.MembersAsync("killed");
        }
        while (rows.Count(r => r.Status == FleetMemberStatus.Upgraded) < 4 && waited.Elapsed < TimeSpan.FromMinutes(2));
        first.Kill();
        await first.WaitAsync();
        rows = await fleet.MembersAsync("killed");
        var held = rows.Where(r => r.Status == FleetMemberStatus.Running).Select(r => r.Key).ToHashSet();
        var firstRunner = rows.First(r => r.Runner is not null).Runner;
        Assert.NotEmpty(held);
        Assert.Contains(rows, r => r.Status == FleetMemberStatus.Pending);

        var second = await Runner(memberFile, state, "killed", "--lease", "2").WaitAsync();

        Assert.True(second.Code == 0, second.Output + second.Error);
        rows = await fleet.MembersAsync("killed");
        // A claim the kill cut off after its upgrade committed but before the state said so is found at head by the runner
        // that takes it over: Unchanged, and that only for a held claim.
        Assert.All(rows, r => Assert.True(r.Status == FleetMemberStatus.Upgraded || (r.Status == FleetMemberStatus.Unchanged && held.Contains(r.Key)),
                                          $"{r.Display}: {r.Status}"));
        Assert.All(rows.Where(r => held.Contains(r.Key)), r => Assert.True(r.Attempts == 2 && r.Runner != firstRunner, $"{r.Display}: {r.Attempts} attempt(s) by {r.Runner}"));
        Assert.All(rows.Where(r => !held.Contains(r.Key)), r => Assert.Equal(1, r.Attempts));
        Assert.All(files, f => Assert.Equal(FleetDatabases.Head, FleetDatabases.SqliteVersion(f)));
    }

    private async Task<(string MemberFile, List<string> Files, string State)> FleetAsync(int count)
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var files = FleetDatabases.Copies(seed, _files.Folder, count);
        var memberFile = await FleetDatabases.MemberFileAsync(_files.Folder, files);
        return (memberFile, files, FleetDatabases.Uri(await postgres.CreateDatabaseAsync()));
    }

    private RunnerProcess Runner(string memberFile, string state, string run, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _files.Folder };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "AaPanel.dll"), "fleet", "upgrade", "--members", memberFile, "--state", state, "--run", run,
                                         "--waves", "rest", "--parallel", "2" }.Concat(more))
            start.ArgumentList.Add(argument);
        start.Environment.Remove("DATABASE_URI");
        start.Environment["ENVIRONMENT"] = "development";
        return new RunnerProcess(Process.Start(start)!);
    }

    private sealed class RunnerProcess(Process process)
    {
        private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

        public void Kill() => process.Kill(entireProcessTree: true);

        public async Task<(int Code, string Output, string Error)> WaitAsync()
        {
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The runner did not finish in 3 minutes: " + await _output + await _error);
            }

            var result = (process.ExitCode, await _output, await _error);
            process.Dispose();
            return result;
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _files.Dispose();
    }
}
