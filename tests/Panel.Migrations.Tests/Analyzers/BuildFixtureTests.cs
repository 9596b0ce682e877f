using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// Builds tests/fixtures/Unsafe.App with the real SDK compiler: the unsafe migration must fail the build with
/// PMIG001 at its class name; the code-fixed variant must build, and a folder .editorconfig must demote PMIG001.
/// The fixture reuses the Release build of the runtime and analyzers (no project-reference rebuild) and no
/// compiler server, so nothing outlives the test.
/// </summary>
public class BuildFixtureTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Panel.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Panel.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Log)> BuildFixtureAsync(string variant)
    {
        var fixture = Path.Combine(RepositoryRoot(), "tests", "fixtures", "Unsafe.App");
        var project = Path.Combine(fixture, "Unsafe.App.csproj");
        // An up-to-date compile prints no diagnostics: start from a clean output (restore data in obj/ is kept).
        foreach (var output in new[] { Path.Combine(fixture, "obj", "Release"), Path.Combine(fixture, "bin") })
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
        var restored = File.Exists(Path.Combine(fixture, "obj", "project.assets.json"));
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary",
                                         "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-p:Variant=" + variant })
            psi.ArgumentList.Add(argument);
        if (restored)
            psi.ArgumentList.Add("--no-restore");
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Unsafe_migration_fails_the_build_with_PMIG001_at_the_class_name()
    {
        var (exitCode, log) = await BuildFixtureAsync("Unsafe");
        Assert.NotEqual(0, exitCode);
        Assert.Contains(Path.Combine("Migrations", "Unsafe", "AddSsl.cs") + "(6,21): error PMIG001: Migration 'AddSsl' has no Down", log);
        // PanelMigrationsDialects = "sqlite;postgresql" reached the analyzer through the props/targets.
        Assert.Contains("AddSsl.cs(11,9): warning PMIG040", log);
        Assert.DoesNotContain("CS9057", log);
    }

    [Fact]
    public async Task Fixed_migration_builds_and_editorconfig_changes_the_severity()
    {
        var (exitCode, log) = await BuildFixtureAsync("Fixed");
        Assert.True(exitCode == 0, log);
        Assert.DoesNotContain("AddSsl.cs", log);
        Assert.Contains(Path.Combine("Migrations", "Demoted", "Seed.cs") + "(6,21): warning PMIG001", log);
        Assert.DoesNotContain(": error ", log);
    }
}
