using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Panel.Migrations.Hosting;

/// <summary>
/// Chooses the host's database with the runtime's one rule (<see cref="MigrationSettings.Resolve"/>), fed from the host:
/// <c>ConnectionStrings:Panel</c> (or the name in <see cref="PanelMigrationsOptions.ConnectionStringName"/>) first, then
/// <c>DATABASE_URI</c> from the configuration or the process; the environment is the host's (<see cref="IHostEnvironment"/>).
/// Only Development falls back to a SQLite file; any other environment without a database is an error.
/// </summary>
internal static class HostDatabaseSettings
{
    public static MigrationSettings Resolve(PanelMigrationsOptions options, IConfiguration? configuration, IHostEnvironment? host)
    {
        var key = "ConnectionStrings:" + options.ConnectionStringName;
        var environment = host is null
            ? MigrationSettings.ParseEnvironment(Read(configuration, MigrationSettings.EnvironmentVariable))
            : EnvironmentOf(host.EnvironmentName);
        var given = configuration?[key];
        var variable = Read(configuration, MigrationSettings.DatabaseUriVariable);
        if (given is null && variable is null && environment != MigrationEnvironment.Development)
            throw new MigrationConfigurationException(
                $"No database is configured for the {host?.EnvironmentName ?? "production"} environment, and only Development falls back to " +
                $"{MigrationSettings.DevelopmentDefaultUri}. Set {key} (appsettings.json, or the variable ConnectionStrings__{options.ConnectionStringName}) " +
                "or DATABASE_URI to the database URI, e.g. postgresql://user:password@host:5432/panel, or set PanelMigrationsOptions.Migration.");
        return MigrationSettings.Resolve(new SettingsSources
        {
            Explicit = given,
            ExplicitName = key,
            GetVariable = name => name == MigrationSettings.EnvironmentVariable ? MigrationSettings.NameOf(environment) : Read(configuration, name),
            BaseDirectory = host?.ContentRootPath,
        });
    }

    /// <summary>The host's environment in the runtime's terms: Development and Testing as named, any other (Staging too) is production.</summary>
    public static MigrationEnvironment EnvironmentOf(string? name) =>
        string.Equals(name, Environments.Development, StringComparison.OrdinalIgnoreCase) ? MigrationEnvironment.Development
        : string.Equals(name, "Testing", StringComparison.OrdinalIgnoreCase) ? MigrationEnvironment.Testing
        : MigrationEnvironment.Production;

    // The configuration holds the process's variables when the host added them (the default builders do); else the process.
    private static string? Read(IConfiguration? configuration, string name) => configuration?[name] ?? Environment.GetEnvironmentVariable(name);
}
