using System;

namespace Panel.Migrations;

/// <summary>
/// Which database the migrations run against, chosen from the <c>ENVIRONMENT</c> and <c>DATABASE_URI</c>
/// variables: the successor of aaPanel's old <c>get_config()</c>.
/// </summary>
/// <remarks>
/// <para><c>ENVIRONMENT</c> is <c>development</c> (the default when unset or blank), <c>production</c> or
/// <c>testing</c>, case-insensitively; anything else is an error listing the valid values.</para>
/// <para><c>DATABASE_URI</c>, when set and not blank, always wins. Otherwise development uses
/// <see cref="DevelopmentDefaultUri"/>, testing uses the separate file <see cref="TestingDefaultUri"/> (a file rather
/// than memory, so a test run can be inspected afterwards and several connections see the same data), and
/// production refuses to start: it never falls back to a default database.</para>
/// </remarks>
public sealed class MigrationSettings
{
    /// <summary>The name of the variable that selects the environment.</summary>
    public const string EnvironmentVariable = "ENVIRONMENT";

    /// <summary>The name of the variable that holds the database URI.</summary>
    public const string DatabaseUriVariable = "DATABASE_URI";

    /// <summary>The database of the development environment when <c>DATABASE_URI</c> is not set.</summary>
    public const string DevelopmentDefaultUri = "sqlite:///data/default.db";

    /// <summary>The database of the testing environment when <c>DATABASE_URI</c> is not set.</summary>
    public const string TestingDefaultUri = "sqlite:///data/test.db";

    /// <summary>Creates settings from an explicit environment and database.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="databaseUri">The database to migrate.</param>
    /// <param name="isDefaultDatabase">Whether <paramref name="databaseUri"/> is the environment's default rather than a configured one.</param>
    public MigrationSettings(MigrationEnvironment environment, DatabaseUri databaseUri, bool isDefaultDatabase = false)
    {
        ArgumentNullException.ThrowIfNull(databaseUri);
        Environment = environment;
        DatabaseUri = databaseUri;
        IsDefaultDatabase = isDefaultDatabase;
    }

    /// <summary>The environment the settings were chosen for.</summary>
    public MigrationEnvironment Environment { get; }

    /// <summary>The database to migrate.</summary>
    public DatabaseUri DatabaseUri { get; }

    /// <summary>Whether <see cref="DatabaseUri"/> is the environment's default because <c>DATABASE_URI</c> was not set.</summary>
    public bool IsDefaultDatabase { get; }

    /// <summary>Where the database came from: the explicit source's name, <c>DATABASE_URI</c>, the configuration file's name, or <c>default</c>.</summary>
    public string Source { get; init; } = "default";

    /// <summary>
    /// Chooses the database from <paramref name="sources"/> in their order of precedence (<see cref="SettingsSources"/>):
    /// the first that gives one wins; a source that is set but blank is an error, never a reason to fall back to the default.
    /// </summary>
    /// <exception cref="MigrationConfigurationException">A blank value, an unknown environment, production without a database, or a bad configuration file.</exception>
    /// <exception cref="DatabaseUriException">The chosen URI is malformed.</exception>
    public static MigrationSettings Resolve(SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var environment = ParseEnvironment(sources.GetVariable(EnvironmentVariable));
        var baseDirectory = sources.BaseDirectory;
        if (sources.Explicit is { } given)
        {
            return string.IsNullOrWhiteSpace(given)
                ? throw new MigrationConfigurationException($"{sources.ExplicitName} is empty. Give the database URI, e.g. sqlite:///data/default.db, or leave it out to use DATABASE_URI.")
                : new MigrationSettings(environment, ParseFrom(sources.ExplicitName, given, baseDirectory)) { Source = sources.ExplicitName };
        }

        var variable = sources.GetVariable(DatabaseUriVariable);
        if (variable is not null)
        {
            return string.IsNullOrWhiteSpace(variable)
                ? throw new MigrationConfigurationException(
                    "DATABASE_URI is set but empty, which names no database; nothing was done. Set it to the database URI (e.g. sqlite:///data/default.db), or unset it to use the environment's default.")
                : new MigrationSettings(environment, DatabaseUri.Parse(variable, baseDirectory)) { Source = DatabaseUriVariable };
        }

        if (sources.ConfigurationFile is { } file)
        {
            var path = System.IO.Path.GetFullPath(file, baseDirectory ?? System.Environment.CurrentDirectory);
            var fromFile = DatabaseConfigurationFile.UriFor(path, sources.ConfigurationFileRequired, environment);
            if (fromFile is not null)
            {
                return string.IsNullOrWhiteSpace(fromFile)
                    ? throw new MigrationConfigurationException($"The configuration file {path} gives \"{NameOf(environment)}\" an empty database URI. Write the URI, or remove the entry.")
                    : new MigrationSettings(environment, ParseFrom(System.IO.Path.GetFileName(path), fromFile, baseDirectory)) { Source = System.IO.Path.GetFileName(path) };
            }
        }

        string fallback = environment switch
        {
            MigrationEnvironment.Development => DevelopmentDefaultUri,
            MigrationEnvironment.Testing => TestingDefaultUri,
            _ => throw new MigrationConfigurationException(
                "ENVIRONMENT is 'production' but DATABASE_URI is not set. Production never falls back to a default "
                + "database: set DATABASE_URI, e.g. postgresql://user:password@host:5432/database or "
                + "mysql://user:password@host:3306/database."),
        };
        return new MigrationSettings(environment, DatabaseUri.Parse(fallback, baseDirectory), isDefaultDatabase: true);
    }

    // The parser's messages begin with DATABASE_URI; a value from elsewhere (--database-uri, ConnectionStrings:Panel, the
    // configuration file) is named as the user gave it.
    private static DatabaseUri ParseFrom(string source, string value, string? baseDirectory)
    {
        try
        {
            return DatabaseUri.Parse(value, baseDirectory);
        }
        catch (DatabaseUriException error) when (error.Message.StartsWith(DatabaseUriVariable + " ", StringComparison.Ordinal))
        {
            throw new DatabaseUriException(source + error.Message[DatabaseUriVariable.Length..], error);
        }
    }

    /// <summary>
    /// Reads <c>ENVIRONMENT</c> and <c>DATABASE_URI</c> and chooses the database.
    /// </summary>
    /// <param name="getVariable">Reads a variable by name; default <see cref="System.Environment.GetEnvironmentVariable(string)"/>.
    /// Tests pass a dictionary lookup instead of changing the process's environment.</param>
    /// <param name="baseDirectory">The directory relative SQLite paths are relative to; default: the current directory.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="MigrationConfigurationException"><c>ENVIRONMENT</c> is unknown, or it is production and <c>DATABASE_URI</c> is not set.</exception>
    /// <exception cref="DatabaseUriException"><c>DATABASE_URI</c> is malformed.</exception>
    public static MigrationSettings FromEnvironment(Func<string, string?>? getVariable = null, string? baseDirectory = null) =>
        Resolve(new SettingsSources { GetVariable = getVariable ?? System.Environment.GetEnvironmentVariable, BaseDirectory = baseDirectory });

    /// <summary>
    /// Parses an <c>ENVIRONMENT</c> value: <c>development</c>, <c>production</c> or <c>testing</c>, case-insensitively
    /// and ignoring surrounding white space; <see langword="null"/> or blank means development.
    /// </summary>
    /// <param name="value">The value of <c>ENVIRONMENT</c>.</param>
    /// <returns>The environment.</returns>
    /// <exception cref="MigrationConfigurationException">The value is none of the valid ones.</exception>
    public static MigrationEnvironment ParseEnvironment(string? value)
    {
        string text = (value ?? string.Empty).Trim();
        if (text.Length == 0 || text.Equals("development", StringComparison.OrdinalIgnoreCase))
        {
            return MigrationEnvironment.Development;
        }

        if (text.Equals("production", StringComparison.OrdinalIgnoreCase))
        {
            return MigrationEnvironment.Production;
        }

        if (text.Equals("testing", StringComparison.OrdinalIgnoreCase))
        {
            return MigrationEnvironment.Testing;
        }

        throw new MigrationConfigurationException(
            $"ENVIRONMENT '{text}' is not a known environment. Set it to one of: development, production, testing "
            + "(unset means development).");
    }

    /// <summary>The environment's name as <c>ENVIRONMENT</c> spells it: <c>development</c>, <c>production</c> or <c>testing</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The lower-case name.</returns>
    public static string NameOf(MigrationEnvironment environment) => environment switch
    {
        MigrationEnvironment.Development => "development",
        MigrationEnvironment.Production => "production",
        MigrationEnvironment.Testing => "testing",
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Not a migration environment."),
    };

    /// <summary>A password-free description, e.g. <c>development: sqlite:////srv/panel/data/default.db (default)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{NameOf(Environment)}: {DatabaseUri}{(IsDefaultDatabase ? " (default)" : string.Empty)}";
}
