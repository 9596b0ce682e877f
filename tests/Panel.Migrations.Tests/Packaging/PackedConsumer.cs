using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Panel.Migrations.Tests.Packaging;

/// <summary>
/// A temp folder with a package feed packed from the Release build (test.sh builds the solution first, each pack with a
/// unique version) and fresh console projects that consume it the way a user does: their nuget.config has &lt;clear/&gt;,
/// the temp feed, the machine's global packages folder (so dependencies restore offline when cached) and nuget.org; their
/// packages go to a private folder, so no stale copy is ever reused; nothing of the repository's MSBuild files reaches them.
/// </summary>
public sealed class PackedConsumer(ITestOutputHelper output) : IDisposable
{
    /// <summary>The temp folder, removed on dispose.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "panel-pack-" + Guid.NewGuid().ToString("N"));

    /// <summary>The feed folder the packs go to.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The version of this folder's packs.</summary>
    public string Version { get; } = "0.0.0-ptest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + Guid.NewGuid().ToString("N")[..6];

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    /// <summary>Packs the projects (folder names under the repository root) into <see cref="Feed"/>, all at once; no NuGet warning allowed.</summary>
    public async Task PackAsync(params string[] projects)
    {
        Directory.CreateDirectory(Feed);
        var packs = projects.Select(project => RunAsync("dotnet", RepositoryPaths.Root, "pack", RepositoryPaths.Of(project, project + ".csproj"), "-c", "Release", "--no-build",
                                                        "-o", Feed, "-p:PackageVersion=" + Version, "-nologo", "-v:q"));
        foreach (var (packCode, packLog) in await Task.WhenAll(packs))
        {
            Assert.True(packCode == 0, packLog);
            Assert.DoesNotContain("warning NU", packLog, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Writes a console project <c>PackConsumer</c> (net10.0, root namespace PackConsumer) in <c>Root/name</c> that references
    /// <paramref name="packages"/> at <see cref="Version"/>, plus <paramref name="items"/> (more MSBuild items), with the files given.
    /// </summary>
    public string WriteApp(string name, IEnumerable<string> packages, string items, params (string File, string Text)[] files)
    {
        var app = Path.Combine(Root, name);
        Directory.CreateDirectory(app);
        Isolate(app);
        var references = string.Concat(packages.Select(p => $"""<PackageReference Include="{p}" Version="{Version}" />"""));
        File.WriteAllText(Path.Combine(app, "PackConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>PackConsumer</RootNamespace>
                <RestorePackagesPath>{Path.Combine(Root, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>{references}</ItemGroup>
              {items}
            </Project>
            """);
        foreach (var (file, text) in files)
            File.WriteAllText(Path.Combine(app, file), text);
        return app;
    }

    /// <summary>
    /// Makes <paramref name="folder"/> (and the projects under it) restore from the temp feed, the machine's cache and the
    /// usual source only, into a private packages folder, with none of the repository's MSBuild files.
    /// </summary>
    public void Isolate(string folder)
    {
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Directory.Exists(globalPackages) ? $"""<add key="cache" value="{globalPackages}" />""" : "";
        var usual = Environment.GetEnvironmentVariable("PANEL_NUGET_SOURCE") ?? "https://api.nuget.org/v3/index.json";
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="panel" value="{Feed}" />
                {cached}
                <add key="usual" value="{usual}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
    }

    /// <summary>Runs a process to its end and returns its exit code and output (stdout, then stderr); the command and time go to the test log.</summary>
    public async Task<(int ExitCode, string Log)> RunAsync(string file, string workingDirectory, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(file, workingDirectory, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var log = await stdout + await stderr;
        output.WriteLine($"$ {file} {string.Join(' ', arguments)}  ({clock.Elapsed.TotalSeconds:0.0} s, exit {process.ExitCode})");
        return (process.ExitCode, log);
    }

    /// <summary>
    /// Starts a process, sends it <paramref name="signal"/> (a <c>kill</c> name: INT, TERM) 300 ms after its output first
    /// contains <paramref name="line"/>, and returns its exit code, output (stdout and stderr as they came) and the time
    /// from the signal to its end; asserts the line came within a minute.
    /// </summary>
    public async Task<(int ExitCode, string Log, TimeSpan Stopped)> SignalAsync(string signal, string line, string file, string workingDirectory, params string[] arguments)
    {
        var seen = new StringBuilder();
        using var process = new Process { StartInfo = StartInfo(file, workingDirectory, arguments) };
        process.OutputDataReceived += (_, e) => { lock (seen) seen.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { lock (seen) seen.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Seen() { lock (seen) return seen.ToString(); }

        var waited = Stopwatch.StartNew();
        while (!Seen().Contains(line, StringComparison.Ordinal) && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1))
            await Task.Delay(10);
        if (!Seen().Contains(line, StringComparison.Ordinal))
        {
            if (!process.HasExited)
                process.Kill();
            Assert.Fail($"'{line}' never came:\n{Seen()}");
        }
        await Task.Delay(300);

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                Assert.Fail($"still running a minute after SIG{signal}:\n{Seen()}");
            }
        }

        var stopped = clock.Elapsed;
        output.WriteLine($"$ {file} {string.Join(' ', arguments)}  (SIG{signal}, stopped {stopped.TotalSeconds:0.0} s later, exit {process.ExitCode})");
        return (process.ExitCode, Seen(), stopped);
    }

    private static ProcessStartInfo StartInfo(string file, string workingDirectory, string[] arguments)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            psi.ArgumentList.Add(argument);
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        return psi;
    }

    /// <summary>The arguments of a quiet Release build of a consumer, without restore and build servers.</summary>
    public static string[] Build { get; } = ["build", "--no-restore", "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary", "--disable-build-servers", "-p:UseSharedCompilation=false"];
}
