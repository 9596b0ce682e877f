using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Fleet;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Fleet;

/// <summary>Waves and the stop rule: a failing canary stops the run before the next wave; <c>--resume</c> finishes the rest.</summary>
public sealed class FleetWavesTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    [Fact]
    public async Task A_failing_canary_stops_the_run_before_the_next_wave_and_resume_finishes_the_rest()
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var files = FleetDatabases.Copies(seed, _files.Folder, 20);
        FleetDatabases.Sqlite(files[0], "DROP TABLE alembic_version"); // the canary: an unversioned schema, refused
        var memberFile = await FleetDatabases.MemberFileAsync(_files.Folder, files);

        var stopped = await FleetDatabases.CliAsync(_files.Folder, "fleet", "upgrade", "--members", memberFile, "--run", "canary", "--waves", "1,5,rest");

        Assert.Equal(3, stopped.Code);
        Assert.Contains("STOPPED: Stopped before wave 2: 1 of the 1 databases of the waves before it failed (stop rule 10%).", stopped.Output, StringComparison.Ordinal);
        var state = await FleetState.OpenAsync(Path.Combine(_files.Folder, "fleet-state.db"));
        var rows = await state.MembersAsync("canary");
        Assert.Equal(FleetMemberStatus.Failed, rows[0].Status);
        Assert.Equal("refused", rows[0].ErrorKind);
        Assert.All(rows.Skip(1), r => Assert.True(r.Status == FleetMemberStatus.Pending && r.Attempts == 0, $"{r.Display}: {r.Status}, {r.Attempts} attempt(s)"));
        Assert.All(files.Skip(1), f => Assert.Equal("001", FleetDatabases.SqliteVersion(f)));

        // The canary repaired, the run resumed by name: the file list comes from the run's state.
        File.Copy(seed, files[0], overwrite: true);
        var resumed = await FleetDatabases.CliAsync(_files.Folder, "fleet", "upgrade", "--resume", "canary");

        Assert.True(resumed.Code == 0, resumed.Output + resumed.Error);
        rows = await state.MembersAsync("canary");
        Assert.All(rows, r => Assert.Equal(FleetMemberStatus.Upgraded, r.Status));
        Assert.Equal(2, rows[0].Attempts);
        Assert.All(rows.Skip(1), r => Assert.Equal(1, r.Attempts));
        Assert.All(files, f => Assert.Equal(FleetDatabases.Head, FleetDatabases.SqliteVersion(f)));
        Assert.Null((await state.FindRunAsync("canary"))!.Stopped);
    }

    [Fact]
    public async Task A_count_stop_rule_stops_within_a_wave()
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var files = FleetDatabases.Copies(seed, _files.Folder, 12);
        foreach (var file in files.Take(3))
            FleetDatabases.Sqlite(file, "UPDATE alembic_version SET version_num = 'ffffffffffff'");
        var memberFile = await FleetDatabases.MemberFileAsync(_files.Folder, files);

        var run = await FleetDatabases.CliAsync(_files.Folder, "fleet", "upgrade", "--members", memberFile, "--run", "count", "--waves", "rest", "--max-failures", "2", "--parallel", "1");

        Assert.Equal(3, run.Code);
        Assert.Contains("Stopped in wave 1: 3 databases failed, more than the 2 the stop rule tolerates.", run.Output, StringComparison.Ordinal);
        var rows = await (await FleetState.OpenAsync(Path.Combine(_files.Folder, "fleet-state.db"))).MembersAsync("count");
        Assert.All(rows.Skip(3), r => Assert.Equal(FleetMemberStatus.Pending, r.Status));
    }

    [Fact]
    public void Waves_take_their_share_of_the_list_in_order_and_a_bad_size_is_refused_with_the_form()
    {
        Assert.Equal(Enumerable.Repeat(0, 1).Concat(Enumerable.Repeat(1, 5)).Concat(Enumerable.Repeat(2, 44)), FleetWaves.Default.Assign(50));
        Assert.Equal([0, 1, 2, 2], FleetWaves.Parse("1%,10%").Assign(4)); // each wave at least one; rest added
        Assert.Equal([0, 0, 1], FleetWaves.Parse("2,5,rest").Assign(3));
        var error = Assert.Throws<FormatException>(() => FleetWaves.Parse("1%,rest,10%"));
        Assert.Contains("e.g. 1%,10%,rest", error.Message, StringComparison.Ordinal);
        Assert.True(FleetStopRule.Parse("2%").StopsAtWaveEnd(3, 100));
        Assert.False(FleetStopRule.Parse("2%").StopsAtWaveEnd(2, 100));
        Assert.False(FleetStopRule.Parse("2%").StopsDuringWave(50));
        Assert.True(FleetStopRule.Parse("2").StopsDuringWave(3));
        Assert.Throws<FormatException>(() => FleetStopRule.Parse("two"));
    }

    [Fact]
    public void A_connection_string_member_is_stored_masked_under_a_key_that_does_not_depend_on_the_password()
    {
        var one = FleetMember.Parse("Host=db1;Database=tenant_7;Username=panel;Password=Sekr3t-one");
        var other = FleetMember.Parse("Host=db1;Database=tenant_7;Username=panel;Password=another-one");
        Assert.DoesNotContain("Sekr3t", one.Display, StringComparison.Ordinal);
        Assert.StartsWith("postgresql: ", one.Display, StringComparison.Ordinal);
        Assert.Equal(one.Key, other.Key);
        Assert.Equal(DatabaseKind.PostgreSql, one.Options.Kind);
        Assert.NotEqual(one.Key, FleetMember.Parse("postgresql://panel:x@db1/tenant_8").Key);
        var bad = Assert.Throws<DatabaseUriException>(() => FleetMember.Parse("Database=x;Password=Sekr3t-two"));
        Assert.DoesNotContain("Sekr3t", bad.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
