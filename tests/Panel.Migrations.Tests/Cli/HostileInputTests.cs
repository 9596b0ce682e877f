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
/// handling): every case exits with its documented code (2 usage or configuration, 3 database) and a FAILED line the
/// command line foresaw (never the bare exception type of an unexpected one), leaves the database exactly as it was (a
/// dump of its schema, version rows, log rows and seeded rows compared before and after), leaves no file behind, and
/// never prints the password. Cases that name another database (a URI, a config file) cannot reach this one: for them
/// the files are the check.
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
    public static TheoryData<string, int, string[]> Corpus()
    {
        var huge = new string('x', 200_000);
        var data = new TheoryData<string, int, string[]>
        {
            { "injected target", ExitCodes.UsageError, ["upgrade", "head; DROP TABLE sites"] },
            { "injected quote target", ExitCodes.UsageError, ["upgrade", "'; DROP TABLE t_001; --"] },
            { "injected double quote target", ExitCodes.UsageError, ["upgrade", "\"; DROP TABLE t_001; --"] },
            { "unknown target", ExitCodes.UsageError, ["upgrade", "nope"] },
            { "ambiguous prefix", ExitCodes.UsageError, ["upgrade", "00"] },
            { "relative beyond head", ExitCodes.UsageError, ["upgrade", "+99"] },
            { "unicode target", ExitCodes.UsageError, ["upgrade", "hé\u0430d"] },
            { "right-to-left target", ExitCodes.UsageError, ["upgrade", "\u202Edaeh"] },
            { "NUL in target", ExitCodes.UsageError, ["upgrade", "head\0"] },
            { "shell target", ExitCodes.UsageError, ["upgrade", "$(rm -rf /)"] },
            { "path target", ExitCodes.UsageError, ["upgrade", "../../etc/passwd"] },
            { "huge target", ExitCodes.UsageError, ["upgrade", huge] },
            { "unknown branch label", ExitCodes.UsageError, ["upgrade", "nolabel@head"] },
            { "bare at", ExitCodes.UsageError, ["upgrade", "@"] },
            { "bare plus", ExitCodes.UsageError, ["upgrade", "+"] },
            { "range without --sql", ExitCodes.UsageError, ["upgrade", "001:003"] },
            { "downgrade injected", ExitCodes.UsageError, ["downgrade", "base; DROP TABLE t_001"] },
            { "downgrade unknown", ExitCodes.UsageError, ["downgrade", "zzz"] },
            { "downgrade beyond base", ExitCodes.UsageError, ["downgrade", "-99"] },
            { "downgrade to later revision", ExitCodes.UsageError, ["downgrade", "003"] },
            { "stamp injected", ExitCodes.UsageError, ["stamp", "002'; DELETE FROM alembic_version; --"] },
            { "stamp unknown", ExitCodes.UsageError, ["stamp", "ffff"] },
            { "stamp huge", ExitCodes.UsageError, ["stamp", huge] },
            { "show injected", ExitCodes.UsageError, ["show", "001; DROP TABLE t_001"] },
            { "unknown command", ExitCodes.UsageError, ["explode"] },
            { "unknown option", ExitCodes.UsageError, ["upgrade", "--frobnicate"] },
            { "semicolon option", ExitCodes.UsageError, ["upgrade", "--sql;rm"] },
            { "empty uri", ExitCodes.UsageError, ["upgrade", "--database-uri", ""] },
            { "uri without scheme", ExitCodes.UsageError, ["upgrade", "--database-uri", "just-a-path.db"] },
            { "unknown scheme", ExitCodes.UsageError, ["upgrade", "--database-uri", "oracle://u:" + Secret + "@h/db"] },
            { "sqlite path is a directory", ExitCodes.DatabaseError, ["upgrade", "--no-backup", "--database-uri", "sqlite:////tmp"] },
            { "postgres without host", ExitCodes.UsageError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@/db"] },
            { "postgres bad port", ExitCodes.UsageError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@localhost:notaport/db"] },
            { "postgres port out of range", ExitCodes.UsageError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@localhost:99999/db"] },
            { "postgres unreachable", ExitCodes.DatabaseError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db"] },
            { "postgres injected database", ExitCodes.DatabaseError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db;DROP DATABASE x"] },
            { "postgres bad query option", ExitCodes.UsageError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/db?sslmode=bogus"] },
            { "mysql unreachable", ExitCodes.DatabaseError, ["upgrade", "--database-uri", "mysql://u:" + Secret + "@127.0.0.1:1/db"] },
            { "mysql broken ipv6", ExitCodes.UsageError, ["upgrade", "--database-uri", "mysql://u:" + Secret + "@[::1/db"] },
            { "mysql unknown option", ExitCodes.UsageError, ["upgrade", "--database-uri", "mysql://u:" + Secret + "@127.0.0.1:1/db?frob=1"] },
            { "percent garbage in password", ExitCodes.DatabaseError, ["upgrade", "--database-uri", "postgresql://u:%zz" + Secret + "@127.0.0.1:1/db"] },
            { "huge uri", ExitCodes.DatabaseError, ["upgrade", "--database-uri", "postgresql://u:" + Secret + "@127.0.0.1:1/" + huge] },
            { "config file missing", ExitCodes.UsageError, ["upgrade", "--config", "/nonexistent/panel.ini"] },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Hostile_input_is_refused_clearly_and_changes_nothing(string name, int exitCode, string[] args)
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("upgrade", "002")).ExitCode);
        CliHarness.Execute(_cli.DatabasePath, Rows);
        var before = Dump(_cli.DatabasePath);
        var files = Files(_cli.Folder);

        var run = await _cli.RunAsync(args);

        Assert.True(run.ExitCode == exitCode, $"{name}: expected exit {exitCode}: {run}");
        var failed = run.ErrorLines.Where(l => l.StartsWith("FAILED: ", StringComparison.Ordinal)).ToList();
        Assert.True(failed.Count > 0, $"{name}: no FAILED line: {run}");
        // A failure the command line did not foresee is printed with its exception's type ("FAILED: NullReferenceException: ...").
        Assert.All(failed, l => Assert.DoesNotMatch(@"^FAILED: [\w.]*Exception: ", l));
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
        // The harness's database (where a case without a URI points) keeps its schema, versions, log and rows; and no case
        // (those naming another database included) leaves a file behind, a backup or a new database.
        Assert.Equal(before, Dump(_cli.DatabasePath));
        Assert.Equal(files, Files(_cli.Folder));
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
        CliHarness.Execute(_cli.DatabasePath, Rows);
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
            .. CliHarness.Query(path, "SELECT id || ' ' || name FROM t_001 ORDER BY id"),
        ];

    // Rows whose loss the dump would show, some of them looking like SQL.
    private const string Rows = "INSERT INTO t_001 (id, name) VALUES (1, 'it''s'), (2, '; DROP TABLE t_001; --'), (3, 'ü')";

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => $"{f} {new FileInfo(f).Length}")];

    public void Dispose() => _cli.Dispose();
}
