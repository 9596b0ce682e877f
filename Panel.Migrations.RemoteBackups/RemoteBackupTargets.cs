using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Panel.Migrations.Backups;

namespace Panel.Migrations.RemoteBackups;

/// <summary>
/// The remotes a deployment configures in the configuration file's <c>"backups"</c> object (<c>"s3": {...}</c>,
/// <c>"sftp": {...}</c>), with the secrets from the environment where they are not in the file:
/// <c>PANEL_BACKUP_S3_ACCESS_KEY</c>/<c>PANEL_BACKUP_S3_SECRET_KEY</c> (else <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>),
/// <c>PANEL_BACKUP_SFTP_PASSWORD</c>, <c>PANEL_BACKUP_SFTP_KEY_PASSPHRASE</c>. Pass <see cref="From"/> as the command line's
/// <c>BackupRemotes</c>.
/// </summary>
public static class RemoteBackupTargets
{
    /// <summary>The remotes of the configuration file of <paramref name="sources"/>; none when it has none.</summary>
    /// <exception cref="MigrationConfigurationException">A remote is configured incompletely or with a wrong type; the message names the key.</exception>
    public static IReadOnlyList<BackupRemote> From(SettingsSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.ConfigurationFile is not { } file)
            return [];
        var path = Path.GetFullPath(file, sources.BaseDirectory ?? Environment.CurrentDirectory);
        var variable = sources.GetVariable;
        return DatabaseConfigurationFile.BackupSection<IReadOnlyList<BackupRemote>>(path, sources.ConfigurationFileRequired, section =>
        {
            var remotes = new List<BackupRemote>();
            if (Object(path, section, "s3") is { } s3)
            {
                remotes.Add(new S3BackupRemote(new S3RemoteSettings
                {
                    Endpoint = Required(path, s3, "s3", "endpoint"),
                    Bucket = Required(path, s3, "s3", "bucket"),
                    Prefix = BackupFileSettings.String(path, s3, "prefix") ?? "",
                    Region = BackupFileSettings.String(path, s3, "region") ?? "us-east-1",
                    AccessKey = BackupFileSettings.String(path, s3, "accessKey") ?? variable("PANEL_BACKUP_S3_ACCESS_KEY") ?? variable("AWS_ACCESS_KEY_ID")
                        ?? throw Missing(path, "s3", "accessKey", "PANEL_BACKUP_S3_ACCESS_KEY"),
                    SecretKey = BackupFileSettings.String(path, s3, "secretKey") ?? variable("PANEL_BACKUP_S3_SECRET_KEY") ?? variable("AWS_SECRET_ACCESS_KEY")
                        ?? throw Missing(path, "s3", "secretKey", "PANEL_BACKUP_S3_SECRET_KEY"),
                }));
            }

            if (Object(path, section, "sftp") is { } sftp)
            {
                var port = sftp.TryGetProperty("port", out var value) ? (value.TryGetInt32(out var p) && p is > 0 and < 65536 ? p : throw DatabaseConfigurationFile.Invalid(path, "\"backups\".\"sftp\".\"port\" is not a port number")) : 22;
                remotes.Add(new SftpBackupRemote(new SftpRemoteSettings
                {
                    Host = Required(path, sftp, "sftp", "host"),
                    Port = port,
                    User = Required(path, sftp, "sftp", "user"),
                    Path = Required(path, sftp, "sftp", "path"),
                    KeyFile = BackupFileSettings.String(path, sftp, "keyFile") is { } key ? Path.GetFullPath(key, Path.GetDirectoryName(path)!) : null,
                    KeyPassphrase = variable("PANEL_BACKUP_SFTP_KEY_PASSPHRASE"),
                    Password = BackupFileSettings.String(path, sftp, "password") ?? variable("PANEL_BACKUP_SFTP_PASSWORD"),
                    HostKey = BackupFileSettings.String(path, sftp, "hostKey"),
                }));
            }

            return remotes;
        }) ?? [];
    }

    private static JsonElement? Object(string path, JsonElement section, string key) =>
        !section.TryGetProperty(key, out var value) ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw DatabaseConfigurationFile.Invalid(path, $"\"backups\".\"{key}\" is not an object");

    private static string Required(string path, JsonElement remote, string kind, string key) =>
        BackupFileSettings.String(path, remote, key) is { Length: > 0 } value ? value : throw DatabaseConfigurationFile.Invalid(path, $"\"backups\".\"{kind}\" has no \"{key}\"");

    private static MigrationConfigurationException Missing(string path, string kind, string key, string variable) =>
        new($"The {kind} remote of {path} has no \"{key}\": set the environment variable {variable} (or write it in the file, readable by the panel's user only).");
}
