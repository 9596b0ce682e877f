using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>ENVIRONMENT, DATABASE_URI, --database-uri and the configuration file; usage errors, --help, and passwords never shown.</summary>
public sealed class ConfigurationAndErrorTests : IDisposable
{
    private const string Secret = "Sup3rSecret";
    private const string ServerUri = "postgresql://panel:" + Secret + "@127.0.0.1:1/panel?connect_timeout=1";
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    // No retries against the unreachable server: the options hook is what an app uses to tune the runner.
    public ConfigurationAndErrorTests() => _cli.Configure = o => o with { ConfigureMigrations = m => m with { Retry = RetryPolicy.None } };

    public static TheoryData<string> Commands => new() { "current", "history", "heads", "branches", "show", "upgrade", "downgrade", "stamp", "check", "create", "merge", "backup", "restore" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        var run = await _cli.RunAsync(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains(command, run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Unknown_command_and_missing_arguments_are_usage_errors()
    {
        var unknown = await _cli.RunAsync("upgrayed");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("FAILED: Unrecognized command or argument 'upgrayed'.", unknown.ErrorLines);
        Assert.Equal("Run '--help' for usage.", unknown.ErrorLines[^1]);

        var missing = await _cli.RunAsync("show");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("Run 'show --help' for usage.", missing.ErrorLines[^1]);

        Assert.Equal(2, (await _cli.RunAsync()).ExitCode);
    }

    [Fact]
    public async Task Database_uri_option_beats_the_variable_which_beats_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "migrations.json"), """{ "development": "sqlite:///from-file.db", "production": "sqlite:///prod.db" }""");
        Assert.StartsWith($"Database: sqlite:///{_cli.Folder}/from-file.db (development, from migrations.json)", (await _cli.RunAsync("stamp", "001")).Out);

        _cli.Environment["ENVIRONMENT"] = "production";
        Assert.StartsWith($"Database: sqlite:///{_cli.Folder}/prod.db (production, from migrations.json)", (await _cli.RunAsync("stamp", "001")).Out);

        _cli.Environment["DATABASE_URI"] = "sqlite:///from-variable.db";
        Assert.StartsWith($"Database: sqlite:///{_cli.Folder}/from-variable.db (production, from DATABASE_URI)", (await _cli.RunAsync("stamp", "001")).Out);

        var run = await _cli.RunAsync("stamp", "002", "--database-uri", "sqlite:///from-option.db");
        Assert.StartsWith($"Database: sqlite:///{_cli.Folder}/from-option.db (production, from --database-uri)", run.Out);
        Assert.Equal(["002"], CliHarness.Query(Path.Combine(_cli.Folder, "from-option.db"), "SELECT version_num FROM alembic_version"));
        Assert.Equal(["001"], CliHarness.Query(Path.Combine(_cli.Folder, "from-variable.db"), "SELECT version_num FROM alembic_version"));
    }

    [Fact]
    public async Task Production_without_a_database_and_bad_settings_are_clear_errors()
    {
        _cli.Environment["ENVIRONMENT"] = "production";
        var run = await _cli.RunAsync("current");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("FAILED: ENVIRONMENT is 'production' but DATABASE_URI is not set.", run.Error);

        _cli.Environment["ENVIRONMENT"] = "staging";
        Assert.StartsWith("FAILED: ENVIRONMENT 'staging' is not a known environment.", (await _cli.RunAsync("current")).Error);

        _cli.Environment.Remove("ENVIRONMENT");
        _cli.Environment["DATABASE_URI"] = "sqlite:/wrong";
        var bad = await _cli.RunAsync("upgrade");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("FAILED: DATABASE_URI 'sqlite:/wrong' has the wrong number of slashes", bad.Error);

        _cli.Environment.Remove("DATABASE_URI");
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "bad.json"), "[1, 2]");
        var file = await _cli.RunAsync("current", "--config", "bad.json");
        Assert.Equal(2, file.ExitCode);
        Assert.StartsWith($"FAILED: The configuration file {Path.Combine(_cli.Folder, "bad.json")} is not valid: its top level is not an object.", file.Error);
        Assert.StartsWith("FAILED: The configuration file", (await _cli.RunAsync("current", "--config", "missing.json")).Error);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_fails_with_the_password_masked()
    {
        _cli.Environment["DATABASE_URI"] = ServerUri;

        foreach (var args in new[] { new[] { "current" }, new[] { "upgrade" }, new[] { "check" }, new[] { "stamp", "001" }, new[] { "current", "--verbose" } })
        {
            var run = await _cli.RunAsync(args);
            Assert.Equal(3, run.ExitCode);
            Assert.DoesNotContain(Secret, run.Out + run.Error);
            Assert.Contains("FAILED: ", run.Error);
        }

        var upgrade = await _cli.RunAsync("upgrade");
        Assert.Equal("Database: postgresql://panel:***@127.0.0.1:1/panel?connect_timeout=1 (development, from DATABASE_URI)", upgrade.OutLines[0]);
    }

    [Fact]
    public async Task Passwords_stay_out_of_sql_scripts_option_echoes_and_parse_errors()
    {
        var script = await _cli.RunAsync("upgrade", "--sql", "--database-uri", ServerUri);
        Assert.Equal(0, script.ExitCode);
        Assert.Contains("CREATE TABLE", script.Out);
        Assert.DoesNotContain(Secret, script.Out + script.Error);

        var typo = await _cli.RunAsync("current", "--database-ur", ServerUri);
        Assert.Equal(2, typo.ExitCode);
        Assert.DoesNotContain(Secret, typo.Out + typo.Error);
        Assert.Contains("postgresql://panel:***@127.0.0.1:1/panel", typo.Error);
    }

    [Fact]
    public async Task A_bad_database_uri_option_is_named_as_given_and_its_password_stays_hidden()
    {
        var run = await _cli.RunAsync("current", "--database-uri", "foo:Host=db;Password=" + Secret + "' ok");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("FAILED: --database-uri 'foo:Host=db;Password=***' ok' has an unknown scheme 'foo'.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_variable_adds_the_stack_trace()
    {
        Assert.DoesNotContain("   at ", (await _cli.RunAsync("show", "zzz")).Error);
        _cli.Environment["PANEL_MIGRATIONS_DEBUG"] = "1";
        Assert.Contains("   at ", (await _cli.RunAsync("show", "zzz")).Error);
    }

    public void Dispose() => _cli.Dispose();
}
