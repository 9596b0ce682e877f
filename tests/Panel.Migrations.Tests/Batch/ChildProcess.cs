using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// The entry point of this assembly when a test starts it as a child process (<c>dotnet Panel.Migrations.Tests.dll
/// batch-child DB</c>): it upgrades DB with <see cref="KillTests.Rebuild"/> and prints <c>COPYING</c> (and writes DB.copying) when the row
/// copy begins, so that the test can kill it in the middle of the copy; <c>kill-child STAGE-FILE</c> is the kill harness's
/// child (<see cref="Kill.KillChild"/>); <c>environment-child BASE</c> reads the process environment
/// (<see cref="Configuration.EnvironmentChild"/>); <c>cli-child ARGS...</c> runs the command line (<see cref="Cli.SignalChild"/>);
/// <c>hold-child DB</c> keeps an idle connection to DB open until its standard input closes
/// (<see cref="Cli.SqliteRestoreFileTests.HoldOpenAsync"/>). The test runner never calls it.
/// </summary>
public static class ChildProcess
{
    /// <summary>How a test starts this assembly as a child with <paramref name="arguments"/>, its output redirected.</summary>
    internal static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Runs the child's work.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "kill-child")
            return await Kill.KillChild.RunAsync(args[1]);
        if (args.Length >= 1 && args[0] == "cli-child")
            return await Cli.SignalChild.RunAsync(args[1..]);
        if (args.Length == 2 && args[0] == "hold-child")
            return await Cli.SqliteRestoreFileTests.HoldOpenAsync(args[1]);
        if (args.Length == 2 && args[0] == "environment-child")
            return await Configuration.EnvironmentChild.RunAsync(args[1]);
        if (args.Length != 2 || args[0] != "batch-child")
        {
            await Console.Error.WriteLineAsync("usage: Panel.Migrations.Tests batch-child DB | kill-child STAGE-FILE | environment-child BASE-DIRECTORY");
            return 2;
        }
        var options = MigrationOptions.ForSqlite(args[1]) with
        {
            BatchProgress = p =>
            {
                if (p.Stage == BatchStage.Copying)
                {
                    // A file, not only a line on stdout: the parent sees it at once, whatever its thread pool is doing.
                    System.IO.File.WriteAllText(args[1] + ".copying", p.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Console.Out.WriteLine("COPYING " + p.Rows);
                }
            },
        };
        await new MigrationRunner(KillTests.Rebuild, options).UpgradeAsync();
        Console.Out.WriteLine("DONE");
        return 0;
    }
}
