using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// Hostile and broken input through the command line (in-process: a process adds nothing to argument and URI
/// handling): every case exits non-zero with a clear message, leaves the database exactly as it was (a dump of its
/// schema, version rows and log rows compared before and after) and never prints the password.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Secret = "S3cr3t-Pa55";

    private static readonly MigrationMap Map = TestMigrations.Graph("001", "002 <- 001", "003 <- 002");

    private readonly CliHarness _cli = new(Map)
    {
        // One attempt: an unreachable server is the expected answer here, not a transient failure to wait out.
        Configure = o => o with { ConfigureMigrations = m => m with { Retry = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero) } },
    };

    /// <summary>The corpus: the arguments of one run each (see docs/reliability.md).</summary>
    public static TheoryData<string, string[]> Corpus()
    {
        var huge = new string('x', 200_000);
        var data = new TheoryData<string, string[]>
        {
            { "injected target", ["upgrade", "head; DROP TABLE sites"] },
            { "injected quote target", ["upgrade", "'; DROP TABLE t_001; --"] },
            { "injected double quote target", ["upgrade", "\"; DROP TABLE t_001; --"] },
            { "unknown target", ["upgrade", "nope"] },
            { "ambiguous prefix", ["upgrade", "00"] },
            { "relative beyond head", ["upgrade", "+99"] },
            { "unicode target", ["upgrade", "hé\u0430d"] },
            { "right-to-left target", ["upgrade", "\u202Edaeh"] },
            { "NUL in target", ["upgrade", "head\0"] },
            { "shell target", ["upgrade", "$(rm -rf /)"] },
            { "path target", ["upgrade", "../../etc/passwd"] },
            { "huge target", ["upgrade", huge] },
            { "unknown branch label", ["upgrade", "nolabel@head"] },
            { "bare at", ["upgrade", "@"] },
            { "bare plus", ["upgrade", "+"] },
            { "range without --sql", ["upgrade", "001:003"] },
            { "downgrade injected", ["downgrade", "base; DROP TABLE t_001"] },
            { "downgrade unknown", ["downgrade", "zzz"] },
            { "downgrade beyond base", ["downgrade", "-99"] },
            { "downgrade to later revision", ["downgrade", "003"] },
            { "stamp injected", ["stamp", "002'; DELETE FROM alembic_version; --"] },
            { "stamp unknown", ["stamp", "ffff"] },
            { "stamp huge", ["stamp", huge] },
            { "show injected", ["show", "001; DROP TABLE t_001"] },
            { "unknown command", ["explode"] },
            { "unknown option", ["upgrade", "--frobnicate"] },
            { "semicolon option", ["upgrade", "--sql;rm"] },
            { "empty uri", ["upgrade", "--database-uri", ""] },
            { "uri without scheme", ["upgrade", "--database-uri", "just-a-path.db"] },
            { "unknown scheme", ["upgrade", "--database-uri", "oracle://u:" + Secret + "@h/db"] },
            { "sqlite path is a directory", ["upgrade", "--no-backup", "--database-uri", "sqlite:////tmp"] },
            { "postgres without host", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@/db"] },
            { "postgres bad port", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@localhost:notaport/db"] },
            { "postgres port out of range", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@localhost:99999/db"] },
            { "postgres unreachable", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db"] },
            { "postgres injected database", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db;DROP DATABASE x"] },
            { "postgres bad query option", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db?sslmode=bogus"] },
            { "mysql unreachable", ["upgrade", "--database-uri", "mysql://u:" + Secret + "@127.0.0.1:1/db"] },
            { "mysql broken ipv6", ["upgrade", "--database-uri", "mysql://u:" + Secret + "@[::1/db"] },
            { "mysql unknown option", ["upgrade", "--database-uri", "mysql://u:" + Secret + "@127.0.0.1:1/db?frob=1"] },
            { "percent garbage in password", ["upgrade", "--database-uri", "postgresql://u:%zz" + Secret + "@127.0.0.1:1/db"] },
            { "huge uri", ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/" + huge] },
            { "config file missing", ["upgrade", "--config", "/nonexistent/panel.ini"] },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Hostile_input_is_refused_clearly_and_changes_nothing(string name, string[] args)
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("upgrade", "002")).ExitCode);
        var before = Dump(_cli.DatabasePath);

        var run = await _cli.RunAsync(args);

        Assert.True(run.ExitCode != ExitCodes.Success, $"{name}: {run}");
        Assert.False(string.IsNullOrWhiteSpace(run.Error), $"{name}: no error message");
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Dump(_cli.DatabasePath));
    }

    [Fact]
    public async Task A_corrupt_database_file_is_refused_and_left_as_it_was()
    {
        var path = Path.Combine(_cli.Folder, "corrupt.db");
        var garbage = new byte[8192];
        new Random(12).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var run = await _cli.RunAsync("upgrade", "--no-backup", "--database-uri", "sqlite:///" + path);

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_read_only_database_is_refused_and_left_as_it_was()
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("upgrade", "002")).ExitCode);
        var before = Dump(_cli.DatabasePath);
        var bytes = File.ReadAllBytes(_cli.DatabasePath);

        // mode=ro rather than file permissions: the tests may run as root, who writes through 0444.
        var run = await _cli.RunAsync("upgrade", "--no-backup", "--database-uri", "sqlite:///" + _cli.DatabasePath + "?mode=ro");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        Assert.Equal(bytes, File.ReadAllBytes(_cli.DatabasePath));
        Assert.Equal(before, Dump(_cli.DatabasePath));
    }

    [Fact]
    public async Task The_corpus_has_at_least_forty_cases() => await Task.Run(() => Assert.True(Corpus().Count() + 2 >= 40));

    private static List<string> Dump(string path) =>
        [
            .. CliHarness.Query(path, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"),
            .. CliHarness.Query(path, "SELECT version_num FROM alembic_version ORDER BY version_num"),
            .. CliHarness.Query(path, "SELECT revision || ' ' || direction || ' ' || status || ' ' || COALESCE(checksum, '') FROM panel_migrations_log ORDER BY revision, direction"),
            .. CliHarness.Query(path, "SELECT COUNT(*) FROM t_001"),
        ];

    public void Dispose() => _cli.Dispose();
}
