using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests of the "postgres" collection. Each test asks for its own
/// fresh, empty database with <see cref="CreateDatabaseAsync"/>; they are all dropped when the
/// collection is done.
/// </summary>
/// <remarks>
/// The server comes from <c>PANEL_TEST_POSTGRES</c> (a Npgsql connection string whose role may create
/// databases), which <c>test.sh</c> sets after starting <c>tests/scripts/postgres.sh</c>. When it is
/// missing outside CI, the fixture starts that script itself (and stops it at the end), so a plain
/// <c>dotnet test</c> works; in CI (CI=true) a missing variable fails every test of the collection.
/// <c>PANEL_SKIP_POSTGRES=1</c> (outside CI only) makes <see cref="PostgresFactAttribute"/> tests skip.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>Environment variable with the server's connection string.</summary>
    public const string ConnectionVariable = "PANEL_TEST_POSTGRES";

    /// <summary>Environment variable a developer sets to 1 to skip the PostgreSQL tests (ignored in CI).</summary>
    public const string SkipVariable = "PANEL_SKIP_POSTGRES";

    /// <summary>The skip reason shown for every PostgreSQL test when skipping was asked for.</summary>
    public const string SkipReason = "PANEL_SKIP_POSTGRES=1: PostgreSQL tests skipped on request";

    private const string DatabasePrefix = "panel_test_";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    private readonly List<string> _databases = new();
    private readonly string? _givenConnectionString;
    private string? _serverConnectionString;
    private string? _scriptPath;
    private string? _stateFile;

    /// <summary>Used by xunit: the server comes from the environment (or is started, see the remarks).</summary>
    public PostgresFixture()
    {
    }

    /// <summary>A fixture on a given server, for tests of the fixture itself.</summary>
    internal PostgresFixture(string serverConnectionString) => _givenConnectionString = serverConnectionString;

    /// <summary>True when CI=true (or 1).</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>True when a developer asked to skip the PostgreSQL tests; never in CI.</summary>
    public static bool SkipRequested => Environment.GetEnvironmentVariable(SkipVariable) == "1" && !InCi;

    /// <summary>Connection string of the server's own test database (shared: tests use <see cref="CreateDatabaseAsync"/>).</summary>
    public string ServerConnectionString =>
        _serverConnectionString ?? throw new InvalidOperationException(SkipRequested ? SkipReason : "PostgresFixture is not initialized");

    /// <summary>True when this fixture started the server itself (and stops it at dispose).</summary>
    public bool StartedServer => _stateFile is not null;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipRequested)
        {
            return;
        }

        var connectionString = _givenConnectionString ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (InCi)
            {
                throw new InvalidOperationException(
                    $"{ConnectionVariable} is not set and CI=true: run the tests through ./test.sh, which starts PostgreSQL. " +
                    "The PostgreSQL tests never skip in CI.");
            }

            connectionString = await StartServerAsync().ConfigureAwait(false);
        }

        // Fail here, once and clearly, rather than in every test.
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Cannot connect to the PostgreSQL server of {ConnectionVariable} ({Redact(connectionString)}): {e.Message}", e);
        }

        _serverConnectionString = connectionString;
    }

    /// <summary>
    /// Creates a new empty database <c>panel_test_&lt;guid&gt;</c> and returns its connection string.
    /// It is dropped when the fixture is disposed.
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString;
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString(server)))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            await DropDatabasesAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_stateFile is not null && _scriptPath is not null)
            {
                var (exitCode, _, stderr) = await RunScriptAsync(_scriptPath, "stop", _stateFile).ConfigureAwait(false);
                _stateFile = null;
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"{_scriptPath} stop failed (exit {exitCode}):\n{stderr}");
                }
            }
        }
    }

    private async Task DropDatabasesAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = _databases.ToArray();
            _databases.Clear();
        }

        if (names.Length == 0 || _serverConnectionString is null)
        {
            return;
        }

        // Idle pooled connections would keep the databases busy; WITH (FORCE) ends any others.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString(_serverConnectionString));
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static string AdminConnectionString(string server) =>
        new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;

    private static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "<unparsable connection string>";
        }
    }

    private async Task<string> StartServerAsync()
    {
        _scriptPath = FindScript();
        _stateFile = Path.Combine(Path.GetTempPath(), $"panel-pg-dotnet-test.{Guid.NewGuid():N}.env");
        var (exitCode, stdout, stderr) = await RunScriptAsync(_scriptPath, "start", _stateFile).ConfigureAwait(false);
        const string Prefix = ConnectionVariable + "=";
        string? connectionString = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                connectionString = line.Substring(Prefix.Length).Trim();
            }
        }

        if (exitCode != 0 || string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException(
                $"{ConnectionVariable} is not set and `{_scriptPath} start` failed (exit {exitCode}). " +
                $"Set {ConnectionVariable} to a server of yours, or {SkipVariable}=1 to skip the PostgreSQL tests.\n{stderr}");
        }

        return connectionString;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "scripts", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{ConnectionVariable} is not set and tests/scripts/postgres.sh was not found above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(string script, string command, string stateFile)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(command);
        info.Environment["PANEL_PG_ENV_FILE"] = stateFile;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{script} {command}` did not finish within {ScriptTimeout}.");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}

/// <summary>The xunit collection of the tests that use <see cref="PostgresFixture"/>: <c>[Collection("postgres")]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "postgres";
}

/// <summary>A <see cref="FactAttribute"/> for PostgreSQL tests: skipped (with the reason) when <c>PANEL_SKIP_POSTGRES=1</c> outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when skipping was asked for.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresFixture.SkipRequested)
        {
            Skip = PostgresFixture.SkipReason;
        }
    }
}

/// <summary>A <see cref="TheoryAttribute"/> for PostgreSQL tests, skipped like <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when skipping was asked for.</summary>
    public PostgresTheoryAttribute()
    {
        if (PostgresFixture.SkipRequested)
        {
            Skip = PostgresFixture.SkipReason;
        }
    }
}
