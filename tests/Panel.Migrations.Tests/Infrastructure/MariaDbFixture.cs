using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A real MariaDB server for the tests of the "mariadb" collection. Each test asks for its own fresh, empty
/// database with <see cref="CreateDatabaseAsync"/>; they are all dropped when the collection is done.
/// </summary>
/// <remarks>
/// The server comes from <c>PANEL_TEST_MYSQL</c> (a MySqlConnector connection string whose user may create
/// databases), which <c>test.sh</c> sets after starting <c>tests/scripts/mariadb.sh</c>. When it is missing
/// outside CI, the fixture starts that script itself (and stops it at the end), so a plain <c>dotnet test</c>
/// works; in CI (CI=true) a missing variable fails every test of the collection. <c>PANEL_SKIP_MYSQL=1</c>
/// (outside CI only) makes <see cref="MariaDbFactAttribute"/> tests skip.
/// </remarks>
public sealed class MariaDbFixture : IAsyncLifetime
{
    /// <summary>Environment variable with the server's connection string.</summary>
    public const string ConnectionVariable = "PANEL_TEST_MYSQL";

    /// <summary>Environment variable a developer sets to 1 to skip the MySQL tests (ignored in CI).</summary>
    public const string SkipVariable = "PANEL_SKIP_MYSQL";

    /// <summary>The skip reason shown for every MySQL test when skipping was asked for.</summary>
    public const string SkipReason = "PANEL_SKIP_MYSQL=1: MySQL/MariaDB tests skipped on request";

    private const string DatabasePrefix = "panel_test_";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);

    private readonly List<string> _databases = new();
    private string? _serverConnectionString;
    private string? _scriptPath;
    private string? _stateFile;

    /// <summary>True when a developer asked to skip the MySQL tests; never in CI.</summary>
    public static bool SkipRequested => Environment.GetEnvironmentVariable(SkipVariable) == "1" && !PostgresFixture.InCi;

    /// <summary>Connection string of the server's own test database (shared: tests use <see cref="CreateDatabaseAsync"/>).</summary>
    public string ServerConnectionString =>
        _serverConnectionString ?? throw new InvalidOperationException(SkipRequested ? SkipReason : "MariaDbFixture is not initialized");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipRequested)
            return;

        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (PostgresFixture.InCi)
                throw new InvalidOperationException(
                    $"{ConnectionVariable} is not set and CI=true: run the tests through ./test.sh, which starts MariaDB. The MySQL tests never skip in CI.");
            connectionString = await StartServerAsync().ConfigureAwait(false);
        }

        // Fail here, once and clearly, rather than in every test.
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot connect to the MariaDB server of {ConnectionVariable}: {e.Message}", e);
        }

        _serverConnectionString = connectionString;
    }

    /// <summary>Creates a new empty database <c>panel_test_&lt;guid&gt;</c> and returns its connection string; it is dropped when the fixture is disposed.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString;
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        await using (var connection = new MySqlConnection(AdminConnectionString(server)))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_databases)
            _databases.Add(name);
        return new MySqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
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
                    throw new InvalidOperationException($"{_scriptPath} stop failed (exit {exitCode}):\n{stderr}");
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
            return;

        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(AdminConnectionString(_serverConnectionString));
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static string AdminConnectionString(string server) =>
        new MySqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;

    private async Task<string> StartServerAsync()
    {
        _scriptPath = FindScript();
        _stateFile = Path.Combine(Path.GetTempPath(), $"panel-mysql-dotnet-test.{Guid.NewGuid():N}.env");
        var (exitCode, stdout, stderr) = await RunScriptAsync(_scriptPath, "start", _stateFile).ConfigureAwait(false);
        const string Prefix = ConnectionVariable + "=";
        string? connectionString = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
                connectionString = line.Substring(Prefix.Length).Trim();
        }
        if (exitCode != 0 || string.IsNullOrEmpty(connectionString))
            throw new InvalidOperationException(
                $"{ConnectionVariable} is not set and `{_scriptPath} start` failed (exit {exitCode}). " +
                $"Set {ConnectionVariable} to a server of yours, or {SkipVariable}=1 to skip the MySQL tests.\n{stderr}");
        return connectionString;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "scripts", "mariadb.sh");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException($"{ConnectionVariable} is not set and tests/scripts/mariadb.sh was not found above {AppContext.BaseDirectory}.");
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
        info.Environment["PANEL_MYSQL_ENV_FILE"] = stateFile;

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
