using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// Starts <see cref="KillMigrations"/> upgrades as child processes and SIGKILLs each at a seeded-random moment: every
/// third kill lands inside the target's long stage (the SQLite rebuild's row copy, the PostgreSQL long statement), the
/// others anywhere in the span from the child's first progress line to the end of an uninterrupted run (the .NET
/// start-up before it touches nothing). After each kill: the storage is sound, the version table names
/// a revision whose catalog equals a fresh database's at that revision, no seeded row is lost, and the next upgrade
/// reaches head with the same catalog as a fresh database at head.
/// </summary>
internal sealed class KillHarness(KillTarget target, int seed, Action<string> report)
{
    private readonly Dictionary<string, string> _references = [];

    public async Task RunAsync(int kills)
    {
        var rowsBefore = await target.RowDigestAsync(await target.CreateDatabaseAsync(seeded: true));
        var (span, stagesOfARun) = await MeasureUninterruptedRunAsync();
        report($"{target.Kind}: PANEL_KILL_SEED={seed}, {kills} kills; an uninterrupted run migrates for {span.TotalMilliseconds:0} ms:\n{stagesOfARun}");
        var (performed, landedMidRun) = (0, 0);
        for (var i = 0; i < kills; i++)
        {
            var random = new Random(seed + i);
            var targeted = i % 3 == 0;
            var window = targeted ? target.TargetedWindow(stagesOfARun) : span;
            var delay = TimeSpan.FromMilliseconds(random.Next(0, (int)window.TotalMilliseconds));
            // A loaded machine can delay the parent past the end of the targeted stage: that kill is checked all the
            // same, and the targeted one is tried again sooner, a bounded number of times.
            for (var attempt = 1; ; attempt++, delay /= 4)
            {
                var context = $"{target.Kind} kill {i} (attempt {attempt}) of PANEL_KILL_SEED={seed}";
                var (killed, stages, version) = await KillOnceAsync(targeted, delay, rowsBefore, context);
                performed++;
                if (killed && !stages.Contains("DONE", StringComparison.Ordinal))
                    landedMidRun++;
                var late = targeted && (!killed || stages.Contains(target.TargetedStageEnd, StringComparison.Ordinal));
                report($"kill {i}: {(targeted ? "targeted" : "spread")}, +{delay.TotalMilliseconds:0} ms, {(killed ? "killed" : "had finished")} after " +
                       $"'{LastStage(stages)}'{(late ? " (after the targeted stage)" : "")}; version {version ?? "none"}; catalog, rows and next upgrade ok");
                Assert.True(!late || attempt < 3, $"{context}: three targeted kills in a row landed after '{target.TargetedStageEnd}'; the last child reported: {stages}");
                if (!late)
                    break;
            }
        }
        report($"{target.Kind}: {performed} kills survived ({landedMidRun} while the child was migrating, {performed - kills} targeted ones tried again), seeded rows lost: 0");
    }

    /// <summary>Starts a child on a fresh seeded database, kills it <paramref name="delay"/> after its stage, checks the database.</summary>
    private async Task<(bool Killed, string Stages, string? Version)> KillOnceAsync(bool targeted, TimeSpan delay, string rowsBefore, string context)
    {
        var connectionString = await target.CreateDatabaseAsync(seeded: true);
        using var child = KillChildProcess.Start(target.Kind, connectionString);
        var stage = targeted ? target.TargetedStage : "Running upgrade";
        Assert.True(await child.WaitForStageAsync(stage, TimeSpan.FromMinutes(2)), $"{context}: the child never reached '{stage}'; it reported: {child.Stages}");
        await Task.Delay(delay);
        var killed = await child.KillAsync();
        var stages = child.Stages; // final: the child is dead
        var version = await AssertSoundAfterKillAsync(connectionString, rowsBefore, context);
        await target.DropDatabaseAsync(connectionString);
        return (killed, stages, version);
    }

    /// <summary>How long a child migrates, from its first progress line to its exit, and the stages it reports.</summary>
    private async Task<(TimeSpan Span, string Stages)> MeasureUninterruptedRunAsync()
    {
        var connectionString = await target.CreateDatabaseAsync(seeded: true);
        using var child = KillChildProcess.Start(target.Kind, connectionString);
        Assert.True(await child.WaitForStageAsync("Running upgrade", TimeSpan.FromMinutes(2)), "the child never began to migrate: " + child.Stages);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await child.WaitForExitAsync());
        Assert.Equal(KillMigrations.Head, await target.VersionAsync(connectionString));
        return (clock.Elapsed, child.Stages.TrimEnd());
    }

    private async Task<string?> AssertSoundAfterKillAsync(string connectionString, string rowsBefore, string context)
    {
        Assert.True("ok" == await target.IntegrityAfterKillAsync(connectionString), $"{context}: integrity check failed");
        var version = await target.VersionAsync(connectionString);
        Assert.True(await ReferenceAsync(version) == await target.DumpAsync(connectionString),
            $"{context}: the catalog differs from a fresh database at {version ?? "no revision"}:\n{await target.DumpAsync(connectionString)}");
        Assert.True(rowsBefore == await target.RowDigestAsync(connectionString), $"{context}: seeded rows changed");
        if (Array.IndexOf(KillMigrations.Revisions, version) >= Array.IndexOf(KillMigrations.Revisions, "kx3"))
            Assert.Equal(KillMigrations.SeededRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await target.QueryAsync(connectionString, "SELECT COUNT(*) FROM items_archive")).Single());

        var next = await new MigrationRunner(KillMigrations.Map, target.Options(connectionString)).UpgradeAsync();
        Assert.Equal([KillMigrations.Head], next.HeadsAfter);
        Assert.True(await ReferenceAsync(KillMigrations.Head) == await target.DumpAsync(connectionString), $"{context}: the catalog after the next upgrade differs from a fresh database at head");
        Assert.True(rowsBefore == await target.RowDigestAsync(connectionString), $"{context}: seeded rows changed by the next upgrade");
        return version;
    }

    /// <summary>The catalog of a fresh, unseeded database upgraded to <paramref name="revision"/> (null: not at all).</summary>
    private async Task<string> ReferenceAsync(string? revision)
    {
        if (_references.TryGetValue(revision ?? "", out var dump))
            return dump;
        var connectionString = await target.CreateDatabaseAsync(seeded: false);
        if (revision is not null)
            await new MigrationRunner(KillMigrations.Map, target.Options(connectionString)).UpgradeAsync(revision);
        return _references[revision ?? ""] = await target.DumpAsync(connectionString);
    }

    private static string LastStage(string stages) =>
        stages.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(started, nothing reported yet)";
}
