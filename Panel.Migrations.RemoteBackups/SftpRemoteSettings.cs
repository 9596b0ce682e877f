namespace Panel.Migrations.RemoteBackups;

/// <summary>
/// Where an <see cref="SftpBackupRemote"/> keeps the backups: a folder on another host, over SFTP. A class, not a record,
/// so that no generated <c>ToString</c> ever prints the password.
/// </summary>
public sealed class SftpRemoteSettings
{
    /// <summary>The host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The SSH port; 22 by default.</summary>
    public int Port { get; init; } = 22;

    /// <summary>The user to log in as.</summary>
    public required string User { get; init; }

    /// <summary>The folder on the host (it must exist), e.g. <c>/srv/backups/panel</c>.</summary>
    public required string Path { get; init; }

    /// <summary>A private key file (OpenSSH format) to log in with; or <see cref="Password"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The key file's passphrase, if it has one: never logged or shown.</summary>
    public string? KeyPassphrase { get; init; }

    /// <summary>The password, when no key file is given: never logged or shown.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The host key's SHA-256 fingerprint as <c>ssh-keygen -l</c> prints it (<c>SHA256:...</c>). Required: a backup is never
    /// sent to a host that cannot prove who it is. Without it the error names the fingerprint the host offered.
    /// </summary>
    public string? HostKey { get; init; }
}
