using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>Moves backup files to and from a <see cref="BackupRemote"/>, checking every copy by its size and SHA-256.</summary>
internal static class RemoteCopy
{
    /// <summary>
    /// Uploads <paramref name="file"/>, reads it back and compares size and SHA-256; a failed or differing attempt is retried
    /// after <paramref name="retry"/>'s backoff. Returns the size; throws the last failure once the attempts are used up.
    /// </summary>
    public static async Task<long> UploadVerifiedAsync(BackupRemote remote, string file, RetryPolicy retry, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var (bytes, sha) = await HashAsync(File.OpenRead(file), cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await remote.UploadAsync(file, name, cancellationToken).ConfigureAwait(false);
                var (storedBytes, storedSha) = await HashAsync(await remote.OpenReadAsync(name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                if (storedBytes != bytes || !storedSha.SequenceEqual(sha))
                    throw new IOException($"the copy read back from {remote.Name} differs from {file} ({storedBytes:N0} bytes, SHA-256 {Convert.ToHexString(storedSha)}; expected {bytes:N0} bytes, {Convert.ToHexString(sha)})");
                return bytes;
            }
            catch (Exception error) when (error is not OperationCanceledException && attempt < retry.MaxAttempts)
            {
                await Task.Delay(retry.DelayAfter(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Downloads <paramref name="name"/> into <paramref name="folder"/> (owner-only, through a temp file, so a file there is
    /// always whole), checking its size against the listing; returns the local path.
    /// </summary>
    public static async Task<string> FetchAsync(BackupRemote remote, string name, string folder, CancellationToken cancellationToken)
    {
        if (name != Path.GetFileName(name) || name.StartsWith('.'))
            throw new MigrationException($"{name} is not the name of a backup; give a name as 'backup list --remote' shows it.");
        var listed = (await remote.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name)
            ?? throw new MigrationException($"{remote.Name} has no backup named {name}; 'backup list --remote' shows what it has. Nothing was changed.");
        BackupFiles.EnsureFolder(folder);
        var destination = Path.Combine(folder, name);
        if (File.Exists(destination))
            return destination; // already here (the local copy of the same backup)
        var temp = BackupFiles.TempFor(destination);
        try
        {
            await using (var target = BackupFiles.CreateOwnerOnly(temp))
            await using (var source = await remote.OpenReadAsync(name, cancellationToken).ConfigureAwait(false))
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            var bytes = new FileInfo(temp).Length;
            if (bytes != listed.Bytes)
                throw new MigrationException($"The download of {name} from {remote.Name} has {bytes:N0} bytes, and the remote lists {listed.Bytes:N0}; nothing was changed. Try again.");
            File.Move(temp, destination);
            return destination;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<(long Bytes, byte[] Sha)> HashAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long bytes = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                bytes += read;
            }
            return (bytes, sha.GetHashAndReset());
        }
    }
}
