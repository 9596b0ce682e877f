using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations;

/// <summary>
/// A place off the machine that keeps copies of the backups (S3-compatible storage, an SFTP host: the package
/// Panel.Migrations.RemoteBackups). The runtime does the rest the same way for each: every upload read back and
/// compared (size and SHA-256), retried with backoff, pruned by the same retention as the local folder.
/// </summary>
public abstract class BackupRemote
{
    /// <summary>What to call this remote in messages (e.g. <c>s3://bucket/panel/</c>); never a secret.</summary>
    public abstract string Name { get; }

    /// <summary>Stores the local file <paramref name="localFile"/> as <paramref name="name"/>, replacing any object of that name.</summary>
    public abstract Task UploadAsync(string localFile, string name, CancellationToken cancellationToken);

    /// <summary>Opens the stored backup <paramref name="name"/> for reading.</summary>
    public abstract Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names and sizes of every file stored here (the caller picks the backups of its database).</summary>
    public abstract Task<IReadOnlyList<RemoteBackupFile>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the stored backup <paramref name="name"/>.</summary>
    public abstract Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A file stored on a <see cref="BackupRemote"/>.</summary>
/// <param name="Name">Its name, the same as the local backup's file name.</param>
/// <param name="Bytes">Its size.</param>
public sealed record RemoteBackupFile(string Name, long Bytes);
