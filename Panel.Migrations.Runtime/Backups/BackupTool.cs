using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// One of the database's own client programs (<c>pg_dump</c>, <c>pg_restore</c>, <c>psql</c>, <c>mariadb-dump</c>,
/// <c>mariadb</c>), found in the configured folder or else on PATH, and run without a shell. Secrets travel in the
/// environment or in an option file, never in the arguments (which <c>ps</c> shows to every user).
/// </summary>
internal sealed class BackupTool
{
    /// <summary>The environment variable naming the folder of the tools; <see cref="BackupOptions.ToolsFolder"/> wins over it.</summary>
    public const string FolderVariable = "PANEL_MIGRATIONS_BACKUP_TOOLS";

    private BackupTool(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>The program's name, e.g. <c>pg_dump</c>.</summary>
    public string Name { get; }

    /// <summary>The program's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// The first of <paramref name="names"/> found in <paramref name="folder"/> (when one is configured, only there), else on
    /// PATH; null when none is.
    /// </summary>
    public static BackupTool? Find(string? folder, params string[] names)
    {
        var folders = folder is not null ? [folder] : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            foreach (var candidate in folders)
            {
                var path = System.IO.Path.Combine(candidate, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(path))
                    return new BackupTool(name, path);
            }
        }

        return null;
    }

    /// <summary>The start of a run of this tool: no shell, the arguments as a list, <paramref name="environment"/> added to the process's own.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, bool input = false)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>
    /// Runs <paramref name="start"/>: <paramref name="writeInput"/> feeds standard input (then it is closed),
    /// <paramref name="readOutput"/> consumes standard output (else it is returned as text); standard error is collected.
    /// The process is killed when the run is cancelled or a callback fails.
    /// </summary>
    public static async Task<ToolResult> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken,
                                                  Func<Stream, Task>? writeInput = null, Func<Stream, Task>? readOutput = null)
    {
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new MigrationException($"{start.FileName} could not be started: {error.Message}.", error);
        }

        try
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = readOutput is null
                ? process.StandardOutput.ReadToEndAsync(cancellationToken)
                : readOutput(process.StandardOutput.BaseStream).ContinueWith(t => { t.GetAwaiter().GetResult(); return ""; }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
            if (writeInput is not null)
            {
                try
                {
                    await writeInput(process.StandardInput.BaseStream).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The tool stopped reading because it failed: its exit code and standard error say why.
                    if (!await ExitsSoonAsync(process).ConfigureAwait(false))
                        throw;
                }
            }

            var text = await output.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ToolResult(process.ExitCode, text, (await errors.ConfigureAwait(false)).Trim());
        }
        catch
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary><paramref name="argument"/> as a POSIX shell reads it back: as it is when that is safe, else in single quotes.</summary>
    public static string QuoteArgument(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "_./:@%+=,-".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<bool> ExitsSoonAsync(Process process)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>How a tool's run ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output, unless a callback consumed it.</param>
/// <param name="Errors">Standard error, trimmed.</param>
internal sealed record ToolResult(int ExitCode, string Output, string Errors);
