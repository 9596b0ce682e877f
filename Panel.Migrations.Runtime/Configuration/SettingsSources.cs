using System;

namespace Panel.Migrations;

/// <summary>
/// Where a run's database may come from, consulted by <see cref="MigrationSettings.Resolve"/> in this order: an explicit
/// value (a command-line option, the host's configuration), <c>DATABASE_URI</c>, the configuration file's entry for the
/// environment, then the environment's default (none in production). One rule for the command line and hosting.
/// </summary>
public sealed record SettingsSources
{
    /// <summary>An explicit database URI, or null when none was given; given but blank is an error (an unset shell variable).</summary>
    public string? Explicit { get; init; }

    /// <summary>What to call <see cref="Explicit"/> in messages and in <see cref="MigrationSettings.Source"/>.</summary>
    public string ExplicitName { get; init; } = "--database-uri";

    /// <summary>Reads an environment variable (<c>ENVIRONMENT</c>, <c>DATABASE_URI</c>); the process's own by default.</summary>
    public Func<string, string?> GetVariable { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The JSON file of database URIs per environment (e.g. <c>migrations.json</c>), or null for none.</summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>True when the file was named explicitly (<c>--config</c>): then it must exist.</summary>
    public bool ConfigurationFileRequired { get; init; }

    /// <summary>The folder relative SQLite paths and the file are resolved against; the current directory by default.</summary>
    public string? BaseDirectory { get; init; }
}
