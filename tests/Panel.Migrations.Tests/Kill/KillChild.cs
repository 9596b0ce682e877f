using System;
using System.IO;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// The child's side of the kill harness (<c>dotnet Panel.Migrations.Tests.dll kill-child STAGE-FILE</c>): upgrades the
/// database of <c>PANEL_KILL_KIND</c> / <c>PANEL_KILL_CONNECTION</c> (the environment, so no password is on a command
/// line) with <see cref="KillMigrations.Map"/> (or the map <c>PANEL_KILL_MAP</c> names), appending each progress line and each rebuild stage to STAGE-FILE so the
/// parent can wait for a stage before it kills.
/// </summary>
internal static class KillChild
{
    public const string KindVariable = "PANEL_KILL_KIND";

    public const string ConnectionVariable = "PANEL_KILL_CONNECTION";

    /// <summary>Which migrations the child runs: <c>resume</c> for <see cref="Resume.ResumeMigrations"/>, else <see cref="KillMigrations"/>.</summary>
    public const string MapVariable = "PANEL_KILL_MAP";

    public static async Task<int> RunAsync(string stageFile)
    {
        var kind = Enum.Parse<DatabaseKind>(Environment.GetEnvironmentVariable(KindVariable)!);
        var options = new MigrationOptions(kind, Environment.GetEnvironmentVariable(ConnectionVariable)!)
        {
            // A file, not stdout: the parent sees it at once, whatever its own thread pool is doing.
            Log = line => File.AppendAllText(stageFile, line + "\n"),
            BatchProgress = p => File.AppendAllText(stageFile, $"BATCH {p.Stage} {p.Table} {p.Rows} rows at {p.Elapsed.TotalMilliseconds:0} ms\n"),
        };
        var map = Environment.GetEnvironmentVariable(MapVariable) == "resume" ? Resume.ResumeMigrations.Map : KillMigrations.Map;
        await new MigrationRunner(map, options).UpgradeAsync();
        File.AppendAllText(stageFile, "DONE\n");
        return 0;
    }
}
