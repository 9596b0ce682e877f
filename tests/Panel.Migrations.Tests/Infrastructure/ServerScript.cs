using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// One run of a throw-away server's script under tests/scripts (<c>bash script start|stop</c>) with a state file of its
/// own, so parallel runs never share a server. <c>start</c> prints <c>VARIABLE=value</c> as its last line.
/// </summary>
internal sealed class ServerScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _path;
    private readonly string _stateFileVariable;
    private readonly string _stateFile;

    private ServerScript(string path, string stateFileVariable, string stateFilePrefix)
    {
        _path = path;
        _stateFileVariable = stateFileVariable;
        _stateFile = Path.Combine(Path.GetTempPath(), $"{stateFilePrefix}.{Guid.NewGuid():N}.env");
    }

    /// <summary>Starts the server of <paramref name="script"/>; returns the script and the value it printed for <paramref name="variable"/>.</summary>
    /// <exception cref="InvalidOperationException">The script is missing or failed; the message says how to skip.</exception>
    public static async Task<(ServerScript Script, string Value)> StartAsync(string script, string stateFileVariable, string stateFilePrefix, string variable, string skipVariable, string tests)
    {
        var run = new ServerScript(Find(script, variable), stateFileVariable, stateFilePrefix);
        var (exitCode, stdout, stderr) = await run.RunAsync("start").ConfigureAwait(false);
        string? value = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith(variable + "=", StringComparison.Ordinal))
            {
                value = line[(variable.Length + 1)..].Trim();
            }
        }

        if (exitCode != 0 || string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"{variable} is not set and `{run._path} start` failed (exit {exitCode}). Set {variable} to a server of yours, or {skipVariable}=1 to skip the {tests}.\n{stderr}");
        }

        return (run, value);
    }

    /// <summary>Stops the server and removes its folder.</summary>
    public async Task StopAsync()
    {
        var (exitCode, _, stderr) = await RunAsync("stop").ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{_path} stop failed (exit {exitCode}):\n{stderr}");
        }
    }

    private static string Find(string script, string variable)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "scripts", script);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{variable} is not set and tests/scripts/{script} was not found above {AppContext.BaseDirectory}.");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_path);
        info.ArgumentList.Add(command);
        info.Environment[_stateFileVariable] = _stateFile;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A hung install or start must not hang the whole test run.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{_path} {command}` did not finish within {Timeout}.");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
