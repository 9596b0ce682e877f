using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Pipeline;

/// <summary>
/// The history check of a deploy (one new migration on many applied): an applied migration whose class fingerprint is
/// the one recorded is not run again to be checksummed; one whose fingerprint differs, or that has none, is, so an edit
/// is caught every time.
/// </summary>
public sealed class HistoryFingerprintTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static MigrationMap Map(ConcurrentDictionary<string, int> calls, string? fingerprintOf001, bool withSecond, Func<Migration>? first = null) =>
        new(new[]
        {
            new MigrationInfo("001", [], "create 001", first ?? (() => new TestMigrations.CountsCalls("001", calls)), fingerprint: fingerprintOf001),
            new MigrationInfo("002", ["001"], "create 002", () => new TestMigrations.CountsCalls("002", calls), fingerprint: "f002"),
        }.Take(withSecond ? 2 : 1));

    [Fact]
    public async Task An_applied_migration_with_its_recorded_fingerprint_is_not_run_again()
    {
        var path = _files.NewPath();
        var calls = new ConcurrentDictionary<string, int>();
        await new MigrationRunner(Map(calls, "f001", withSecond: false), MigrationOptions.ForSqlite(path)).UpgradeAsync();
        Assert.Equal(["f001"], CliHarness.Query(path, "SELECT fingerprint FROM panel_migrations_log"));
        calls.Clear();

        await new MigrationRunner(Map(calls, "f001", withSecond: true), MigrationOptions.ForSqlite(path)).UpgradeAsync();

        Assert.False(calls.ContainsKey("up 001"), "the history check ran Up of a migration whose fingerprint is unchanged");
        Assert.Equal(1, calls["up 002"]);
    }

    [Fact]
    public async Task An_applied_migration_without_a_fingerprint_is_checksummed_as_before()
    {
        var path = _files.NewPath();
        var calls = new ConcurrentDictionary<string, int>();
        await new MigrationRunner(Map(calls, null, withSecond: false), MigrationOptions.ForSqlite(path)).UpgradeAsync();
        calls.Clear();

        await new MigrationRunner(Map(calls, null, withSecond: true), MigrationOptions.ForSqlite(path)).UpgradeAsync();

        Assert.Equal(1, calls["up 001"]);
    }

    [Fact]
    public async Task An_edit_changes_the_fingerprint_and_is_refused()
    {
        var path = _files.NewPath();
        var calls = new ConcurrentDictionary<string, int>();
        await new MigrationRunner(Map(calls, "f001", withSecond: false), MigrationOptions.ForSqlite(path)).UpgradeAsync();
        var edited = Map(calls, "f001-edited", withSecond: true, () => new TestMigrations.RunsSql("CREATE TABLE t_001 (id INTEGER, added INTEGER)"));

        var error = await Assert.ThrowsAsync<MigrationRefusedException>(() => new MigrationRunner(edited, MigrationOptions.ForSqlite(path)).UpgradeAsync());

        Assert.Equal(PlanFindingKind.ChangedMigrations, Assert.Single(error.Plan.Findings).Kind);
        // Accepting the edit records the new fingerprint with the new checksum.
        await new MigrationRunner(edited, MigrationOptions.ForSqlite(path) with { AcceptChangedMigrations = true }).UpgradeAsync();
        Assert.Equal(["f001-edited", "f002"], CliHarness.Query(path, "SELECT fingerprint FROM panel_migrations_log ORDER BY revision"));
    }

    [Fact]
    public async Task A_log_table_of_an_older_release_is_read_before_and_given_the_column_after_preflight()
    {
        var path = _files.NewPath();
        var calls = new ConcurrentDictionary<string, int>();
        await new MigrationRunner(Map(calls, "f001", withSecond: false), MigrationOptions.ForSqlite(path)).UpgradeAsync();
        CliHarness.Execute(path, "ALTER TABLE panel_migrations_log DROP COLUMN fingerprint");
        CliHarness.Execute(path, "ALTER TABLE panel_migrations_log DROP COLUMN checksum");

        await new MigrationRunner(Map(calls, "f001", withSecond: true), MigrationOptions.ForSqlite(path)).UpgradeAsync();

        Assert.Equal(["", "f002"], CliHarness.Query(path, "SELECT coalesce(fingerprint, '') FROM panel_migrations_log ORDER BY revision"));
    }
}
