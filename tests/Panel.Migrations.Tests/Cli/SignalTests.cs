using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// A real signal to a real child process running the command line (<see cref="SignalChild"/>): the running SQLite statement is
/// interrupted, not awaited; the committed step stays; the last line says where the database is; the exit code is 130 after
/// SIGINT (Ctrl+C) and 143 after SIGTERM.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public async Task A_signal_during_a_long_SQLite_statement_rolls_the_step_back_at_once_and_says_where_the_database_is(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var path = _files.NewPath();
        var start = ChildProcess.StartInfo("cli-child", "upgrade", "--no-backup");
        start.Environment["DATABASE_URI"] = "sqlite:///" + path;
        var output = new StringBuilder();
        using var child = Process.Start(start)!;
        child.OutputDataReceived += (_, e) => { lock (output) output.Append(e.Data).Append('\n'); };
        child.ErrorDataReceived += (_, e) => { lock (output) output.Append(e.Data).Append('\n'); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        string Seen() { lock (output) return output.ToString(); }

        var waited = Stopwatch.StartNew();
        while (!Seen().Contains("Running upgrade s1 -> s2", StringComparison.Ordinal) && !child.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1))
            await Task.Delay(10);
        Assert.False(child.HasExited, Seen());
        await Task.Delay(300); // inside the long statement

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await child.WaitForExitAsync();
        var stopped = clock.Elapsed;

        var log = Seen();
        Assert.True(exitCode == child.ExitCode, $"exit {child.ExitCode}:\n{log}");
        Assert.Contains("FAILED: Cancelled. 1 step(s) committed before it: s1. The step that was running, if any, was rolled back. The database is at s1.", log, StringComparison.Ordinal);
        // The statement counts to five billion, minutes of work: it was interrupted, not awaited.
        Assert.True(stopped < TimeSpan.FromSeconds(10), $"stopped {stopped.TotalSeconds:0.0} s after the signal:\n{log}");
        Assert.Equal(["s1"], CliHarness.Query(path, "SELECT version_num FROM alembic_version"));
        Assert.Empty(CliHarness.Query(path, "SELECT name FROM sqlite_master WHERE name = 'second_table'"));
    }
}
