using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// Runs <c>MigrationCommandLine.RunAsync</c> in-process in a temp base directory (so the development default
/// <c>sqlite:///data/default.db</c> is a real file there), with captured writers, a fixed clock and a dictionary environment.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly SqliteFiles _files = new();
    private int _revisionCounter;

    public CliHarness(MigrationMap map) => Map = map;

    public MigrationMap Map { get; set; }

    public string Folder => _files.Folder;

    public string DatabasePath => Path.Combine(Folder, "data", "default.db");

    public string DatabaseUri => "sqlite:///" + DatabasePath;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Func<MigrationCommandLineOptions, MigrationCommandLineOptions> Configure { get; set; } = o => o;

    public static DateTimeOffset Now { get; } = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var options = Configure(new MigrationCommandLineOptions
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            BaseDirectory = Folder,
            Clock = new FixedClock(Now),
            NewRevisionId = () => $"aaaa0000{++_revisionCounter:0000}",
        });
        var code = await MigrationCommandLine.RunAsync(args, Map, options, cancellationToken);
        SqliteConnection.ClearAllPools();
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The version rows of the default database.</summary>
    public IReadOnlyList<string> VersionRows() => Query(DatabasePath, "SELECT version_num FROM alembic_version ORDER BY version_num");

    public static IReadOnlyList<string> Query(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _files.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

/// <summary>What one run printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n')[..^1];

    public string[] ErrorLines => Error.Split('\n')[..^1];

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}--- error ---\n{Error}";
}
