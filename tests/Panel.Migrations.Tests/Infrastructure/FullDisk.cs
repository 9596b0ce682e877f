using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A folder where a database file cannot grow, for the full-disk tests. Two kinds:
/// <list type="bullet">
/// <item>a 1 MiB tmpfs mounted for the test and filled to the last byte after the database is copied in: a real full
/// disk (ENOSPC). Mounting needs root in a container that allows it; <see cref="MountRefusal"/> says why not otherwise;</item>
/// <item>an ordinary folder whose child process runs under a file-size limit (<c>ulimit -f</c>, with SIGXFSZ ignored so a
/// write past it fails with EFBIG instead of killing the process) equal to the database file's size: no privilege
/// needed, the alternative where mounting is not permitted (CI runners). The .NET runtime maps memory through files
/// that the limit would refuse too, so the child runs with <c>DOTNET_EnableWriteXorExecute=0</c>.</item>
/// </list>
/// </summary>
internal sealed class FullDisk : IDisposable
{
    private static readonly Lazy<string?> Refusal = new(ProbeMount);

    private readonly bool _mounted;
    private long _limitBytes;

    private FullDisk(string folder, bool mounted)
    {
        Folder = folder;
        _mounted = mounted;
    }

    /// <summary>Why a tmpfs cannot be mounted here; null when it can.</summary>
    public static string? MountRefusal => Refusal.Value;

    public string Folder { get; }

    /// <summary>What this disk is, for messages.</summary>
    public string Kind => _mounted ? "a full 1 MiB tmpfs" : "a file-size limit";

    /// <summary>The command the child runs through (see <see cref="Concurrency.SampleProcesses.RunThroughAsync"/>).</summary>
    public IReadOnlyList<string> Launcher => _mounted ? [] :
        ["env", "DOTNET_EnableWriteXorExecute=0", "bash", "-c", $"trap '' XFSZ; ulimit -f {_limitBytes / 1024}; exec \"$@\"", "bash"];

    /// <summary>A full tmpfs when this process may mount one, otherwise the file-size limit.</summary>
    public static FullDisk TmpfsOrFileSizeLimit() => MountRefusal is null ? Tmpfs() : FileSizeLimit();

    public static FullDisk Tmpfs()
    {
        var folder = NewFolder();
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException($"mount -t tmpfs failed: {error}");
        }
        return new FullDisk(folder, mounted: true);
    }

    public static FullDisk FileSizeLimit() => new(NewFolder(), mounted: false);

    /// <summary>Leaves no room for <paramref name="databaseFile"/> (already in <see cref="Folder"/>) to grow.</summary>
    public void Fill(string databaseFile)
    {
        // The limit is in KiB: a file whose size is a whole number of KiB (SQLite pages are) may keep exactly that size.
        _limitBytes = new FileInfo(databaseFile).Length;
        if (!_mounted)
            return;
        using var filler = new FileStream(Path.Combine(Folder, "filler"), FileMode.CreateNew);
        var block = new byte[4096];
        try
        {
            while (true)
                filler.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: the tmpfs is full.
        }
    }

    public void Dispose()
    {
        if (_mounted)
            Run("umount", Folder);
        Directory.Delete(Folder, recursive: true);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "panel-full-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
            return "tmpfs is Linux only";
        try
        {
            using var disk = Tmpfs();
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return e.Message.Trim();
        }
    }

    private static (int Code, string Error) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
