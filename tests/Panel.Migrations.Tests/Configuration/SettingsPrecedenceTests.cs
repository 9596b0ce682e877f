using System.Collections.Generic;
using System.IO;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

/// <summary>
/// The one rule the command line and hosting share: an explicit value, then DATABASE_URI, then the configuration file,
/// then the environment's default; a value that is set but blank is an error, never the default database.
/// </summary>
public sealed class SettingsPrecedenceTests : System.IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private MigrationSettings Resolve(string? given, string? variable, bool withFile)
    {
        var file = Path.Combine(_files.Folder, "migrations.json");
        File.WriteAllText(file, """{"development": "sqlite:///from-file.db"}""");
        var environment = new Dictionary<string, string?> { ["DATABASE_URI"] = variable };
        return MigrationSettings.Resolve(new SettingsSources
        {
            Explicit = given,
            GetVariable = name => environment.GetValueOrDefault(name),
            ConfigurationFile = withFile ? file : null,
            BaseDirectory = _files.Folder,
        });
    }

    [Theory]
    [InlineData("sqlite:///given.db", "sqlite:///variable.db", true, "given.db", "--database-uri")]
    [InlineData(null, "sqlite:///variable.db", true, "variable.db", "DATABASE_URI")]
    [InlineData(null, null, true, "from-file.db", "migrations.json")]
    [InlineData(null, null, false, "default.db", "default")]
    public void The_first_source_that_names_a_database_wins(string? given, string? variable, bool withFile, string file, string source)
    {
        var settings = Resolve(given, variable, withFile);
        Assert.Equal(file, Path.GetFileName(settings.DatabaseUri.SqliteFilePath));
        Assert.Equal(source, settings.Source);
    }

    [Theory]
    [InlineData("", null, "--database-uri is empty")]
    [InlineData("  ", null, "--database-uri is empty")]
    [InlineData(null, "", "DATABASE_URI is set but empty")]
    [InlineData(null, " ", "DATABASE_URI is set but empty")]
    public void A_blank_value_is_an_error_not_the_default_database(string? given, string? variable, string message)
    {
        var error = Assert.Throws<MigrationConfigurationException>(() => Resolve(given, variable, withFile: true));
        Assert.StartsWith(message, error.Message, System.StringComparison.Ordinal);
    }

    // #25: {"development": "a", "development": "b"} was read silently (the last one won); a key in another case too.
    [Theory]
    [InlineData("""{"development": "sqlite:///a.db", "development": "sqlite:///b.db"}""", "development")]
    [InlineData("""{"production": "sqlite:///a.db", "Production": "sqlite:///b.db"}""", "Production")]
    public void A_key_given_twice_in_the_configuration_file_is_an_error(string json, string key)
    {
        var file = Path.Combine(_files.Folder, "twice.json");
        File.WriteAllText(file, json);

        var error = Assert.Throws<MigrationConfigurationException>(() => MigrationSettings.Resolve(new SettingsSources
        {
            GetVariable = _ => null,
            ConfigurationFile = file,
            BaseDirectory = _files.Folder,
        }));

        Assert.StartsWith($"The configuration file {file} is not valid: \"{key}\" is given twice, so which one applies is unclear; keep one.", error.Message, System.StringComparison.Ordinal);
    }
}
