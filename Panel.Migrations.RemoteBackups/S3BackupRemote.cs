using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Panel.Migrations.RemoteBackups;

/// <summary>Backups in a bucket of S3-compatible object storage, through the AWS SDK.</summary>
public sealed class S3BackupRemote : BackupRemote, IDisposable
{
    private readonly S3RemoteSettings _settings;
    private readonly AmazonS3Client _client;
    private readonly string _prefix;

    /// <summary>A remote for <paramref name="settings"/>; nothing is sent until a backup is.</summary>
    public S3BackupRemote(S3RemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _prefix = settings.Prefix.Length == 0 || settings.Prefix.EndsWith('/') ? settings.Prefix : settings.Prefix + "/";
        _client = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), new AmazonS3Config
        {
            ServiceURL = settings.Endpoint,
            AuthenticationRegion = settings.Region,
            ForcePathStyle = settings.PathStyle,
            // Checksums only where S3 requires them: many S3-compatible services do not know the newer ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0, // the runtime retries the whole upload, and checks it, itself
        });
    }

    /// <inheritdoc />
    public override string Name => $"s3://{_settings.Bucket}/{_prefix}";

    /// <inheritdoc />
    public override Task UploadAsync(string localFile, string name, CancellationToken cancellationToken) =>
        Call(() => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _settings.Bucket,
            Key = _prefix + name,
            FilePath = localFile,
            // Plain body: a service that does not decode aws-chunked framing would store the frames (the read-back check caught it).
            UseChunkEncoding = false,
        }, cancellationToken));

    /// <inheritdoc />
    public override async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        (await Call(() => _client.GetObjectAsync(_settings.Bucket, _prefix + name, cancellationToken)).ConfigureAwait(false)).ResponseStream;

    /// <inheritdoc />
    public override async Task<IReadOnlyList<RemoteBackupFile>> ListAsync(CancellationToken cancellationToken)
    {
        var files = new List<RemoteBackupFile>();
        var request = new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = _prefix, Delimiter = "/" };
        while (true)
        {
            var page = await Call(() => _client.ListObjectsV2Async(request, cancellationToken)).ConfigureAwait(false);
            foreach (var stored in page.S3Objects ?? [])
                files.Add(new RemoteBackupFile(stored.Key[_prefix.Length..], stored.Size ?? 0));
            if (page.IsTruncated != true)
                return files;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        Call(() => _client.DeleteObjectAsync(_settings.Bucket, _prefix + name, cancellationToken));

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    // The SDK's messages name the bucket and the error code, never the secret; say which remote it was.
    private async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw new IOException($"{Name} answered {error.ErrorCode ?? error.StatusCode.ToString()}: {error.Message}", error);
        }
        catch (AmazonClientException error)
        {
            throw new IOException($"{Name} could not be reached at {_settings.Endpoint}: {error.Message}", error);
        }
    }
}
