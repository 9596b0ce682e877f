using System;
using System.IO;
using System.Text.Json;

namespace Panel.Migrations;

/// <summary>
/// The optional JSON file of database URIs per environment:
/// <c>{"development": "sqlite:///data/default.db", "testing": "sqlite:///data/test.db", "production": "postgresql://panel@localhost/panel"}</c>,
/// with an optional <c>"backups"</c> object (<see cref="BackupSection"/>). Read with <see cref="JsonDocument"/>, so no reflection is needed.
/// </summary>
internal static class DatabaseConfigurationFile
{
    public const string DefaultName = "migrations.json";

    /// <summary>The key of the backups' settings (folder, retention, remotes); never an environment's name.</summary>
    public const string BackupsKey = "backups";

    /// <summary>The URI the file gives <paramref name="environment"/>, or null when the file or the entry is absent.</summary>
    /// <exception cref="MigrationConfigurationException">The file is not a JSON object of strings, or an explicitly named file is missing.</exception>
    public static string? UriFor(string path, bool required, MigrationEnvironment environment) =>
        Read(path, required, root =>
        {
            var name = MigrationSettings.NameOf(environment);
            foreach (var property in root.EnumerateObject())
            {
                if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    continue;
                return property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : throw Invalid(path, $"the value of \"{property.Name}\" is not a string");
            }
            return null;
        });

    /// <summary>
    /// Reads the file's <c>"backups"</c> object with <paramref name="read"/> (which may throw <see cref="Invalid"/>); default when the file or the object is absent.
    /// </summary>
    public static T? BackupSection<T>(string path, bool required, Func<JsonElement, T> read) =>
        Read(path, required, root =>
            !root.TryGetProperty(BackupsKey, out var section) ? default
            : section.ValueKind == JsonValueKind.Object ? read(section)
            : throw Invalid(path, $"\"{BackupsKey}\" is not an object"));

    /// <summary>The error for a file whose content is wrong.</summary>
    public static MigrationConfigurationException Invalid(string path, string why) =>
        new($"The configuration file {path} is not valid: {why}. Write an object of database URIs per environment, e.g. {{\"development\": \"sqlite:///data/default.db\", \"production\": \"postgresql://user:password@host:5432/panel\"}}, and optionally \"backups\": {{...}} (docs/backups.md).");

    private static T? Read<T>(string path, bool required, Func<JsonElement, T?> read)
    {
        if (!File.Exists(path))
        {
            return required ? throw new MigrationConfigurationException($"The configuration file {path} does not exist. Check --config, or leave it out to use DATABASE_URI.") : default;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "its top level is not an object");
            // JSON allows a key twice and readers differ on which one wins; a database URI must not depend on that.
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Invalid(path, $"\"{property.Name}\" is given twice, so which one applies is unclear; keep one");
            }
            return read(document.RootElement);
        }
        catch (JsonException error)
        {
            // JsonException messages quote positions, never values, so no password leaks through them.
            throw new MigrationConfigurationException(Invalid(path, "it is not valid JSON (" + error.Message + ")").Message, error);
        }
    }
}
