using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Concurrency;

/// <summary>Runs the AaPanel sample (built next to the tests) as a separate process.</summary>
internal static class SampleProcesses
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Task<Outcome> RunAsync(string databaseUri, params string[] arguments) => RunInAsync(null, databaseUri, arguments);

    /// <summary>Runs the sample in <paramref name="workingDirectory"/>; a null <paramref name="databaseUri"/> leaves DATABASE_URI unset.</summary>
    public static Task<Outcome> RunInAsync(string? workingDirectory, string? databaseUri, params string[] arguments) =>
        RunThroughAsync([], workingDirectory, databaseUri, arguments);

    /// <summary>
    /// Runs the sample through <paramref name="launcher"/> (a command that ends by running its arguments, e.g. a shell
    /// that sets a limit first); an empty launcher runs it directly.
    /// </summary>
    public static async Task<Outcome> RunThroughAsync(IReadOnlyList<string> launcher, string? workingDirectory, string? databaseUri, params string[] arguments)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        if (launcher.Count > 0)
        {
            foreach (var part in launcher.Skip(1))
                start.ArgumentList.Add(part);
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AaPanel.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Remove("DATABASE_URI");
        if (databaseUri is not null)
            start.Environment["DATABASE_URI"] = databaseUri;
        start.Environment["ENVIRONMENT"] = "development";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Starts <paramref name="count"/> processes at once and waits for all.</summary>
    public static Task<Outcome[]> RunManyAsync(int count, string databaseUri, params string[] arguments)
    {
        var runs = new List<Task<Outcome>>();
        for (var i = 0; i < count; i++)
            runs.Add(RunAsync(databaseUri, arguments));
        return Task.WhenAll(runs);
    }
}
