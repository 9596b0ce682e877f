using System;
using System.IO;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// The child's side of the kill harness (<c>dotnet Panel.Migrations.Tests.dll kill-child STAGE-FILE</c>): upgrades the
/// database of <c>PANEL_KILL_KIND</c> / <c>PANEL_KILL_CONNECTION</c> (the environment, so no password is on a command
/// line) with <see cref="KillMigrations.Map"/>, appending each progress line and each rebuild stage to STAGE-FILE so the
/// parent can wait for a stage before it kills.
/// </summary>
internal static class KillChild
{
    public const string KindVariable = "PANEL_KILL_KIND";

    public const string ConnectionVariable = "PANEL_KILL_CONNECTION";

    public static async Task<int> RunAsync(string stageFile)
    {
        var kind = Enum.Parse<DatabaseKind>(Environment.GetEnvironmentVariable(KindVariable)!);
        var options = new MigrationOptions(kind, Environment.GetEnvironmentVariable(ConnectionVariable)!)
        {
            // A file, not stdout: the parent sees it at once, whatever its own thread pool is doing.
            Log = line => File.AppendAllText(stageFile, line + "\n"),
            BatchProgress = p => File.AppendAllText(stageFile, $"BATCH {p.Stage} {p.Table} {p.Rows} rows at {p.Elapsed.TotalMilliseconds:0} ms\n"),
        };
        await new MigrationRunner(KillMigrations.Map, options).UpgradeAsync();
        File.AppendAllText(stageFile, "DONE\n");
        return 0;
    }
}
