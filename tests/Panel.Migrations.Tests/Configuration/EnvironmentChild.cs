using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Panel.Migrations.Hosting;

namespace Panel.Migrations.Tests.Configuration;

/// <summary>
/// A child process that reads its own environment (<c>ENVIRONMENT</c>, <c>DATABASE_URI</c>) the way an app does, so that
/// a test can set those variables for it alone: the test run's own environment is shared by tests running in parallel.
/// </summary>
internal static class EnvironmentChild
{
    /// <summary>
    /// Prints the settings <see cref="MigrationSettings.FromEnvironment"/> reads with the process's own reader; then starts
    /// a host (its environment named by ENVIRONMENT, its content root the base directory) whose
    /// <see cref="PanelMigrationsOptions.Migration"/> is left null, which upgrades a one-revision registry on the database
    /// the environment names and prints the heads it reached. A configuration error is printed, exit 1.
    /// </summary>
    public static async Task<int> RunAsync(string baseDirectory)
    {
        try
        {
            Console.Out.WriteLine("settings: " + MigrationSettings.FromEnvironment(baseDirectory: baseDirectory));
            // The host's environment and content root stand for what ENVIRONMENT and the base directory say to the runtime.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                EnvironmentName = Environment.GetEnvironmentVariable(MigrationSettings.EnvironmentVariable) ?? Environments.Development,
                ContentRootPath = baseDirectory,
            });
            builder.Services.AddPanelMigrations(Execution.TestMigrations.Graph("a"), o => o.UpgradeOnStart = true);
            using var host = builder.Build();
            await host.StartAsync();
            var runner = host.Services.GetRequiredService<MigrationRunner>();
            Console.Out.WriteLine("hosted: " + runner.Options.DisplayName + " at " + string.Join(",", await runner.CurrentAsync()));
            await host.StopAsync();
            return 0;
        }
        catch (MigrationConfigurationException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }
    }
}
