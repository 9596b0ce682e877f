using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Fleet;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Fleet;

/// <summary>The other two sources of a fleet's list: a SQL query (command line) and a list built in code (API).</summary>
public sealed class FleetSourcesTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    [Fact]
    public async Task A_member_query_lists_the_databases_and_the_status_json_counts_them()
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var files = FleetDatabases.Copies(seed, _files.Folder, 5);
        var tenants = Path.Combine(_files.Folder, "tenants.db");
        FleetDatabases.Sqlite(tenants, "CREATE TABLE tenants (uri TEXT, active INTEGER)");
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
            FleetDatabases.Sqlite(tenants, $"INSERT INTO tenants VALUES ('sqlite:///{file}', {(i == 4 ? 0 : 1)})");

        var run = await FleetDatabases.CliAsync(_files.Folder, "fleet", "upgrade", "--members-query", "SELECT uri FROM tenants WHERE active = 1 ORDER BY uri",
                                                "--members-from", "sqlite:///" + tenants, "--run", "query", "--json");

        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Contains("\"upgraded\": 4", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("{", run.Output, StringComparison.Ordinal); // the JSON alone: the progress went to standard error
        Assert.Contains("[4/4] upgraded", run.Error, StringComparison.Ordinal);
        Assert.All(files.Take(4), f => Assert.Equal(FleetDatabases.Head, FleetDatabases.SqliteVersion(f)));
        Assert.Equal("001", FleetDatabases.SqliteVersion(files[4]));
    }

    [Fact]
    public async Task A_list_built_in_code_runs_through_the_api_with_progress_for_each_database()
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var members = FleetDatabases.Copies(seed, _files.Folder, 6).Select(f => FleetMember.FromOptions(MigrationOptions.ForSqlite(f) with { DisplayName = "panel " + Path.GetFileName(f) })).ToList();
        var state = await FleetState.OpenAsync(Path.Combine(_files.Folder, "state.db"));
        var seen = new ConcurrentBag<FleetProgress>();

        var status = await new FleetUpgrade(FleetDatabases.Map).RunAsync(members, state, new FleetOptions { RunId = "code", Parallelism = 3, Progress = seen.Add });

        Assert.True(status.Succeeded);
        Assert.Equal(6, status.ByRevision[FleetDatabases.Head]);
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Max(p => p.Done));
        Assert.All(seen, p => Assert.Equal(FleetMemberStatus.Upgraded, p.Outcome.Status));
        Assert.Equal(members.Select(m => m.Display).OrderBy(d => d), (await state.MembersAsync("code")).Select(r => r.Display).OrderBy(d => d));
    }

    public void Dispose() => _files.Dispose();
}
