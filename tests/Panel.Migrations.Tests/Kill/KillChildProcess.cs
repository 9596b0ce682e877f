using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Kill;

/// <summary>A running <see cref="KillChild"/>: the parent waits for one of its stages, then SIGKILLs it.</summary>
internal sealed class KillChildProcess : IDisposable
{
    private readonly Process _process;

    private KillChildProcess(Process process, string stageFile)
    {
        _process = process;
        StageFile = stageFile;
    }

    public string StageFile { get; }

    /// <summary>Everything the child reported so far, one stage a line.</summary>
    public string Stages => File.Exists(StageFile) ? File.ReadAllText(StageFile) : "";

    public static KillChildProcess Start(DatabaseKind kind, string connectionString, string? map = null)
    {
        var stageFile = Path.Combine(Path.GetTempPath(), $"panel-kill-{Guid.NewGuid():N}.stages");
        var start = ChildProcess.StartInfo("kill-child", stageFile);
        start.Environment[KillChild.KindVariable] = kind.ToString();
        start.Environment[KillChild.ConnectionVariable] = connectionString;
        if (map is not null)
            start.Environment[KillChild.MapVariable] = map;
        var process = Process.Start(start)!;
        // Drained, so a chatty child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new KillChildProcess(process, stageFile);
    }

    /// <summary>Waits until the child reports <paramref name="stage"/>; false when it ended or the time ran out first.</summary>
    public async Task<bool> WaitForStageAsync(string stage, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Stages.Contains(stage, StringComparison.Ordinal))
                return true;
            if (_process.HasExited)
                return false;
            await Task.Delay(2);
        }
        return false;
    }

    /// <summary>Waits for the child to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>SIGKILLs the child; true when it was still running (false: it had already finished by itself).</summary>
    public async Task<bool> KillAsync()
    {
        var running = !_process.HasExited;
        _process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await _process.WaitForExitAsync();
        return running;
    }

    public void Dispose()
    {
        _process.Dispose();
        File.Delete(StageFile);
    }
}
