using System.Text.Json;

namespace Panel.Migrations.Backups;

/// <summary>
/// The local part of the configuration file's <c>"backups"</c> object:
/// <c>{"folder": "/var/backups/panel", "keep": 10, "keepDaily": 7, "keepWeekly": 4, "keepMonthly": 12}</c>; a key left
/// out keeps the application's own setting. (The remotes' keys are read by Panel.Migrations.RemoteBackups.)
/// </summary>
internal sealed record BackupFileSettings(string? Folder, int? Newest, int? Daily, int? Weekly, int? Monthly)
{
    /// <summary>The settings of the file at <paramref name="path"/>; null when it or its <c>"backups"</c> object is absent.</summary>
    /// <exception cref="MigrationConfigurationException">A key has the wrong type.</exception>
    public static BackupFileSettings? Read(string path, bool required) =>
        DatabaseConfigurationFile.BackupSection(path, required, section => new BackupFileSettings(
            String(path, section, "folder"), Count(path, section, "keep"), Count(path, section, "keepDaily"), Count(path, section, "keepWeekly"), Count(path, section, "keepMonthly")));

    /// <summary><paramref name="retention"/> with this file's counts put in.</summary>
    public BackupRetention Apply(BackupRetention retention) => retention with
    {
        Newest = Newest ?? retention.Newest,
        Daily = Daily ?? retention.Daily,
        Weekly = Weekly ?? retention.Weekly,
        Monthly = Monthly ?? retention.Monthly,
    };

    /// <summary>A string key of a <c>"backups"</c> object, or null when absent.</summary>
    public static string? String(string path, JsonElement section, string key) =>
        !section.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw DatabaseConfigurationFile.Invalid(path, $"\"backups\".\"{key}\" is not a string");

    private static int? Count(string path, JsonElement section, string key) =>
        !section.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0 ? count
        : throw DatabaseConfigurationFile.Invalid(path, $"\"backups\".\"{key}\" is not a whole number of 0 or more");
}
