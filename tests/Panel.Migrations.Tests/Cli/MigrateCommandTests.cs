using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>upgrade, downgrade, stamp and check on a real SQLite file: output, exit codes, and the database left as it was on errors.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001", "003 <- 002"));

    private string DatabaseLine => $"Database: {_cli.DatabaseUri} (development, from default)";

    private string BackupPath => Path.Combine(_cli.Folder, "data", "backups", "default_backup_20250102_030405.db");

    [Fact]
    public async Task Upgrade_defaults_to_head_and_prints_Alembics_progress_lines()
    {
        var run = await _cli.RunAsync("upgrade");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            DatabaseLine,
            "Running upgrade  -> 001, create 001",
            "Running upgrade 001 -> 002, create 002",
            "Running upgrade 002 -> 003, create 003",
            "Done: 3 migration(s) applied; the database is at 003.",
        ], run.OutLines);
        Assert.Equal("", run.Error);
        Assert.Equal(["003"], _cli.VersionRows());
        Assert.False(Directory.Exists(Path.GetDirectoryName(BackupPath)), "a new database has nothing to back up");

        var again = await _cli.RunAsync("upgrade");
        Assert.Equal([DatabaseLine, "Nothing to upgrade: the database is at 003."], again.OutLines);
    }

    [Fact]
    public async Task Downgrade_defaults_to_minus_one_after_an_automatic_backup()
    {
        await _cli.RunAsync("upgrade");

        var run = await _cli.RunAsync("downgrade");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            DatabaseLine,
            $"Backup: {BackupPath} (at 003, integrity check ok)",
            "Running downgrade 003 -> 002, create 003",
            "Done: 1 migration(s) reverted; the database is at 002.",
        ], run.OutLines);
        Assert.Equal(["002"], _cli.VersionRows());
        Assert.Equal(["003"], CliHarness.Query(BackupPath, "SELECT version_num FROM alembic_version"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BackupPath));
        }
    }

    [Fact]
    public async Task No_backup_skips_the_automatic_backup()
    {
        await _cli.RunAsync("upgrade", "002");
        var run = await _cli.RunAsync("upgrade", "--no-backup");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.OutLines, l => l.StartsWith("Backup:", StringComparison.Ordinal));
        Assert.False(File.Exists(BackupPath));
    }

    [Fact]
    public async Task Production_only_policy_backs_up_in_production_and_not_in_development()
    {
        _cli.Configure = o => o with { AutomaticBackups = BackupPolicy.ProductionOnly };
        await _cli.RunAsync("upgrade", "001");
        Assert.DoesNotContain((await _cli.RunAsync("upgrade", "002")).OutLines, l => l.StartsWith("Backup:", StringComparison.Ordinal));

        _cli.Environment["ENVIRONMENT"] = "production";
        _cli.Environment["DATABASE_URI"] = "sqlite:///data/default.db";
        var run = await _cli.RunAsync("upgrade");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Database: {_cli.DatabaseUri} (production, from DATABASE_URI)", run.OutLines[0]);
        Assert.Equal($"Backup: {BackupPath} (at 002, integrity check ok)", run.OutLines[1]);
        Assert.Equal(["002"], CliHarness.Query(BackupPath, "SELECT version_num FROM alembic_version"));
    }

    [Fact]
    public async Task Retention_keeps_the_newest_backups()
    {
        _cli.Configure = o => o with { BackupRetention = new BackupRetention { Newest = 2 } };
        await _cli.RunAsync("upgrade");
        await _cli.RunAsync("downgrade");
        await _cli.RunAsync("downgrade");
        await _cli.RunAsync("downgrade");

        var backups = Directory.GetFiles(Path.GetDirectoryName(BackupPath)!).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["default_backup_20250102_030405_2.db", "default_backup_20250102_030405_3.db"], backups);
        Assert.Equal(["001"], CliHarness.Query(Path.Combine(Path.GetDirectoryName(BackupPath)!, backups[1]), "SELECT version_num FROM alembic_version"));
    }

    [Fact]
    public async Task Unknown_target_fails_without_touching_the_database()
    {
        await _cli.RunAsync("upgrade", "001");
        var before = File.ReadAllBytes(_cli.DatabasePath);

        var run = await _cli.RunAsync("upgrade", "zzz");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["FAILED: Can't locate revision identified by 'zzz'. Run 'history' to list the revisions and branch labels."], run.ErrorLines);
        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
        Assert.False(File.Exists(BackupPath));
        Assert.Equal(2, (await _cli.RunAsync("downgrade", "zzz")).ExitCode);
        Assert.Equal(["001"], _cli.VersionRows());
    }

    [Fact]
    public async Task Relative_target_past_the_base_and_online_ranges_are_clear_errors()
    {
        Assert.Equal(
            ["FAILED: Relative revision -1 didn't produce 1 migrations. Run 'history' to see how many revisions there are in that direction."],
            (await _cli.RunAsync("downgrade")).ErrorLines);
        var range = await _cli.RunAsync("upgrade", "001:002");
        Assert.Equal(2, range.ExitCode);
        Assert.Equal(["FAILED: Range revision not allowed. A START:END range is for --sql only; name a single target."], range.ErrorLines);
    }

    [Fact]
    public async Task A_failed_migration_names_the_backup_to_restore()
    {
        _cli.Map = TestMigrations.WithFailure("bad", "002", "001", "002 <- 001");
        await _cli.RunAsync("upgrade", "002");

        var run = await _cli.RunAsync("upgrade");

        Assert.Equal(3, run.ExitCode);
        var failed = Assert.Single(run.ErrorLines);
        Assert.StartsWith("FAILED: Upgrade to bad, fails half-way failed and was rolled back;", failed);
        Assert.EndsWith($"The database as it was before this run is saved in {BackupPath}; to go back to it, run the app's command line with: restore {BackupPath}", failed);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(["002"], _cli.VersionRows());

        var verbose = await _cli.RunAsync("upgrade", "--verbose", "--no-backup");
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public async Task Upgrade_sql_prints_the_script_without_a_database()
    {
        var run = await _cli.RunAsync("upgrade", "002", "--sql");

        Assert.Equal(0, run.ExitCode);
        // The script itself is MigrationRunner.RenderScript's (tested with the executor); here: it reaches standard output only.
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS \"alembic_version\"", run.Out);
        Assert.Contains("-- Running upgrade  -> 001, create 001\n\n", run.Out);
        Assert.Contains("-- Running upgrade 001 -> 002, create 002\n\n", run.Out);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain("003", run.Out);
        Assert.False(File.Exists(_cli.DatabasePath));

        var ranged = await _cli.RunAsync("upgrade", "001:003", "--sql");
        Assert.StartsWith("-- Running upgrade 001 -> 002, create 002\n\n", ranged.Out);
    }

    [Fact]
    public async Task Downgrade_sql_starts_from_the_codes_head_or_a_range()
    {
        var run = await _cli.RunAsync("downgrade", "base", "--sql");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["-- downgrade from the head(s) of the code, 003; give FROM:TO to start elsewhere"], run.ErrorLines);
        Assert.StartsWith("-- Running downgrade 003 -> 002, create 003\n\nDROP TABLE", run.Out);
        Assert.Contains("-- Running downgrade 001 -> , create 001\n\n", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));

        var script = await _cli.RunAsync("downgrade", "003:001", "--sql");
        Assert.Equal(0, script.ExitCode);
        Assert.StartsWith("-- Running downgrade 003 -> 002, create 003\n\nDROP TABLE", script.Out);
        Assert.Contains("-- Running downgrade 002 -> 001, create 002\n\n", script.Out);
    }

    [Theory]
    [InlineData("postgresql://panel@127.0.0.1:1/panel", true)]
    [InlineData("mysql://panel@127.0.0.1:1/panel", false)]
    [InlineData("sqlite:///never.db", false)]
    public async Task Offline_scripts_wrap_each_migration_in_BEGIN_COMMIT_where_DDL_is_transactional_as_Alembic(string uri, bool wrapped)
    {
        var run = await _cli.RunAsync("upgrade", "002", "--sql", "--database-uri", uri);

        Assert.Equal(0, run.ExitCode);
        var beginCount = run.Out.Split("BEGIN;\n\n-- Running upgrade").Length - 1;
        var commitCount = run.Out.Split("COMMIT;\n\n").Length - 1;
        Assert.Equal(wrapped ? (2, 2) : (0, 0), (beginCount, commitCount));
        if (wrapped)
            Assert.Matches(@"BEGIN;\n\n-- Running upgrade  -> 001, create 001\n\n[^;]*;\n\nINSERT INTO ""alembic_version""[^;]*;\n\nCOMMIT;\n\n", run.Out);
        Assert.Equal(uri.StartsWith("mysql", StringComparison.Ordinal), run.Out.StartsWith("-- MySQL/MariaDB commit each DDL statement as it runs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stamp_writes_the_version_table_only()
    {
        var run = await _cli.RunAsync("stamp", "002");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([DatabaseLine, "Running stamp_revision  -> 002", "Done: the database is at 002."], run.OutLines);
        Assert.Equal(["002"], _cli.VersionRows());
        Assert.Empty(CliHarness.Query(_cli.DatabasePath, "SELECT name FROM sqlite_master WHERE name LIKE 't_%'"));

        CliHarness.Execute(_cli.DatabasePath, "UPDATE alembic_version SET version_num = 'gone'");
        Assert.Equal(3, (await _cli.RunAsync("current")).ExitCode);
        var purged = await _cli.RunAsync("stamp", "001", "--purge");
        Assert.Equal(0, purged.ExitCode);
        Assert.Equal(["001"], _cli.VersionRows());
    }

    [Fact]
    public async Task A_cancelled_upgrade_exits_130_saying_where_the_database_is_and_changes_nothing()
    {
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "001")).ExitCode);
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await _cli.RunAsync(cancelled.Token, "upgrade", "--no-backup");

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal(["FAILED: Cancelled. No step was committed. The step that was running, if any, was rolled back. The database is at 001."], run.ErrorLines);
        Assert.Equal(["001"], _cli.VersionRows());
    }

    [Fact]
    public async Task Current_on_an_unknown_revision_explains_it()
    {
        await _cli.RunAsync("stamp", "002");
        CliHarness.Execute(_cli.DatabasePath, "UPDATE alembic_version SET version_num = 'f00dfeed0000'");
        var run = await _cli.RunAsync("current");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            ["FAILED: Can't locate revision identified by 'f00dfeed0000': the database is at revision f00dfeed0000, which this build of the application does not know. Run 'history' to list the known revisions; deploy the build that has it, or 'stamp' a known revision if you are sure of the schema."],
            run.ErrorLines);
    }

    [Fact]
    public async Task Check_exits_1_listing_what_is_pending_then_0_at_head()
    {
        await _cli.RunAsync("upgrade", "001");

        var behind = await _cli.RunAsync("check");
        Assert.Equal(1, behind.ExitCode);
        Assert.Equal(["Pending upgrades:", "  001 -> 002, create 002", "  002 -> 003 (head), create 003"], behind.OutLines);
        Assert.Equal(["FAILED: Target database is not up to date. It is at 001; 2 migration(s) to apply: 002, 003. Run 'upgrade' to apply them."], behind.ErrorLines);

        await _cli.RunAsync("upgrade");
        var atHead = await _cli.RunAsync("check");
        Assert.Equal((0, "Database is up to date: 003.\n", ""), (atHead.ExitCode, atHead.Out, atHead.Error));
    }

    [Fact]
    public async Task Upgrade_on_tables_without_a_version_row_fails_with_the_stamp_hint()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE t_001 (id INTEGER PRIMARY KEY)");

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"FAILED: Could not determine current revision: {_cli.DatabaseUri} has no version rows, but table(s) t_001 that revision 001 creates already exist; nothing was changed. " +
                      "If this database was created without Panel.Migrations (e.g. by the application itself), record its revision with 'stamp 001' and run 'upgrade' again."],
                     run.ErrorLines);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_cli.DatabasePath)!, "backups")), "a refused upgrade takes no backup");
        Assert.Equal(["t_001"], CliHarness.Query(_cli.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'table'"));
    }

    public void Dispose() => _cli.Dispose();
}
