using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.AotSmoke;

/// <summary>Upgrades, inspects, downgrades and re-upgrades a temp SQLite file through the generated registry; prints OK.</summary>
public static class Program
{
    public static async Task<int> Main()
    {
        var folder = Path.Combine(Path.GetTempPath(), "panel-aot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var uri = "sqlite:///" + Path.Combine(folder, "smoke.db");
            Check(MigrationRegistry.Map.Migrations.Count == 3, "the registry has 3 migrations");
            Check(MigrationRegistry.Heads.SequenceEqual(["4b7e1a0c9d22"]), "the head is 4b7e1a0c9d22");

            await MigrationRegistry.UpgradeAsync("head", uri);
            Check((await MigrationRegistry.CurrentAsync(uri)).SequenceEqual(["4b7e1a0c9d22"]), "upgrade reaches head");
            Check(Equals(Scalar(folder, "SELECT ssl_enabled FROM sites WHERE name = 'default'"), 1L), "the seed ran with its parameters");

            await MigrationRegistry.DowngradeAsync("base", uri);
            Check((await MigrationRegistry.CurrentAsync(uri)).Count == 0, "downgrade reaches base");

            await MigrationRegistry.UpgradeAsync(MigrationOptions.FromUri(uri), "3f2a9c1d7b10");
            Check((await MigrationRegistry.CurrentAsync(uri)).SequenceEqual(["3f2a9c1d7b10"]), "upgrade to a revision");

            Console.WriteLine("OK");
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("FAILED: " + e);
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static object? Scalar(string folder, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + Path.Combine(folder, "smoke.db"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Check failed: " + what);
        }
    }
}
