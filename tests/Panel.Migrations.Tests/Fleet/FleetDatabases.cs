using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Fleet;

/// <summary>The sample's databases at an old revision (001) for fleet tests, the ways to break them, and the fleet command line in-process.</summary>
internal static class FleetDatabases
{
    public static readonly MigrationMap Map = AaPanel.MigrationRegistry.Map;

    public static string Head => Map.Graph.Heads.Single();

    /// <summary>A SQLite file at 001 in <paramref name="folder"/>, upgraded once; the fleet's members are copies of it.</summary>
    public static async Task<string> SeedAsync(string folder)
    {
        var seed = Path.Combine(folder, "seed.db");
        await new MigrationRunner(Map, MigrationOptions.ForSqlite(seed)).UpgradeAsync("001");
        SqliteConnection.ClearAllPools();
        return seed;
    }

    /// <summary><paramref name="count"/> copies of <paramref name="seed"/> named <c>panel-N.db</c>.</summary>
    public static List<string> Copies(string seed, string folder, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var path = Path.Combine(folder, $"panel-{i:000}.db");
            File.Copy(seed, path);
            return path;
        }).ToList();

    /// <summary>Writes <c>members.txt</c> in <paramref name="folder"/>, a <c>sqlite:///</c> URI a line, and returns its path.</summary>
    public static async Task<string> MemberFileAsync(string folder, IEnumerable<string> files)
    {
        var path = Path.Combine(folder, "members.txt");
        await File.WriteAllLinesAsync(path, files.Select(f => "sqlite:///" + f));
        return path;
    }

    public static void Sqlite(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Execute(sql);
    }

    public static string? SqliteVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        return connection.Query<string>("SELECT version_num FROM alembic_version").SingleOrDefault();
    }

    /// <summary>The URI of a database of the test server, password included.</summary>
    public static string Uri(string connectionString, string? password = null) =>
        TestDatabaseUris.PostgreSql(password is null ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { Password = password }.ConnectionString).Uri;

    public static string Password(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Password!;

    /// <summary>Runs the command line over the sample's map in <paramref name="folder"/>, with captured output.</summary>
    public static async Task<(int Code, string Output, string Error)> CliAsync(string folder, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = await MigrationCommandLine.RunAsync(args, () => Map, Map.Graph.Heads, new MigrationCommandLineOptions
        {
            Out = output,
            Error = error,
            BaseDirectory = folder,
            GetEnvironmentVariable = _ => null,
        });
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Every value of every row of the state's two tables, as text: what a leak of a password would be found in.</summary>
    public static string StateText(string stateFile)
    {
        using var connection = new SqliteConnection($"Data Source={stateFile};Pooling=False;Mode=ReadOnly");
        var rows = connection.Query("SELECT * FROM panel_fleet").Concat(connection.Query("SELECT * FROM panel_fleet_runs"));
        return string.Join("\n", rows.Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)));
    }
}
