using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Panel.Migrations.RemoteBackups;

/// <summary>Backups in a folder of another host, over SFTP (SSH.NET); a connection per operation.</summary>
public sealed class SftpBackupRemote : BackupRemote
{
    private readonly SftpRemoteSettings _settings;

    /// <summary>A remote for <paramref name="settings"/>; nothing is sent until a backup is.</summary>
    public SftpBackupRemote(SftpRemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.KeyFile is null && settings.Password is null)
            throw new MigrationConfigurationException($"The SFTP remote sftp://{settings.User}@{settings.Host}:{settings.Port}{settings.Path} has neither a key file nor a password: set \"keyFile\" (or PANEL_BACKUP_SFTP_PASSWORD).");
        _settings = settings;
    }

    /// <inheritdoc />
    public override string Name => $"sftp://{_settings.User}@{_settings.Host}:{_settings.Port}{_settings.Path}";

    /// <inheritdoc />
    public override async Task UploadAsync(string localFile, string name, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        // Written under a temp name, owner-only, then renamed: a file of the backup's name there is always whole.
        var temp = PathOf("." + name + ".uploading");
        await using (var source = File.OpenRead(localFile))
            await client.UploadFileAsync(source, temp, cancellationToken).ConfigureAwait(false);
        client.ChangePermissions(temp, 600); // SSH.NET reads the octal digits: rw-------
        if (await client.ExistsAsync(PathOf(name), cancellationToken).ConfigureAwait(false))
            await client.DeleteFileAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
        await client.RenameFileAsync(temp, PathOf(name), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        // The stream keeps its connection until it is disposed.
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await client.OpenAsync(PathOf(name), FileMode.Open, FileAccess.Read, cancellationToken).ConfigureAwait(false);
            return new OwningStream(stream, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<RemoteBackupFile>> ListAsync(CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var files = new List<RemoteBackupFile>();
        await foreach (var entry in client.ListDirectoryAsync(_settings.Path, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsRegularFile)
                files.Add(new RemoteBackupFile(entry.Name, entry.Length));
        }
        return files;
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await client.DeleteFileAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
    }

    private string PathOf(string name) => _settings.Path.TrimEnd('/') + "/" + name;

    private async Task<SftpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        AuthenticationMethod login = _settings.KeyFile is { } keyFile
            ? new PrivateKeyAuthenticationMethod(_settings.User, new PrivateKeyFile(keyFile, _settings.KeyPassphrase))
            : new PasswordAuthenticationMethod(_settings.User, _settings.Password!);
        var client = new SftpClient(new ConnectionInfo(_settings.Host, _settings.Port, _settings.User, login) { Timeout = TimeSpan.FromSeconds(30) });
        string? offered = null;
        client.HostKeyReceived += (_, e) =>
        {
            offered = "SHA256:" + e.FingerPrintSHA256;
            e.CanTrust = string.Equals(offered, _settings.HostKey, StringComparison.Ordinal);
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception error) when (error is SshException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            if (offered is not null && offered != _settings.HostKey)
                throw new IOException(_settings.HostKey is null
                    ? $"{Name}: no host key is configured, so the host is not trusted; it offered {offered}. If that is your server's key (check with ssh-keygen -l -f on it), set \"hostKey\": \"{offered}\"."
                    : $"{Name}: the host offered the key {offered}, not the configured {_settings.HostKey}; nothing was sent. If the server's key changed on purpose, update \"hostKey\".", error);
            throw new IOException($"{Name}: {error.Message}", error);
        }
    }

    // A read stream that closes its SFTP connection with it.
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
