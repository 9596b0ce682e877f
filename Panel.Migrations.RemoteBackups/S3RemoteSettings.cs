namespace Panel.Migrations.RemoteBackups;

/// <summary>
/// Where an <see cref="S3BackupRemote"/> keeps the backups: any S3-compatible service (AWS S3, MinIO, Backblaze B2,
/// Cloudflare R2). A class, not a record, so that no generated <c>ToString</c> ever prints the secret.
/// </summary>
public sealed class S3RemoteSettings
{
    /// <summary>The service's URL, e.g. <c>https://s3.eu-central-1.amazonaws.com</c> or <c>https://ACCOUNT.r2.cloudflarestorage.com</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The bucket (it must exist).</summary>
    public required string Bucket { get; init; }

    /// <summary>The folder inside the bucket, e.g. <c>panel/</c>; empty for the top.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>The region requests are signed for; <c>us-east-1</c> by default (what MinIO and most others accept).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The access key id.</summary>
    public required string AccessKey { get; init; }

    /// <summary>The secret access key: never logged or shown.</summary>
    public required string SecretKey { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which every S3-compatible service understands; default true.</summary>
    public bool PathStyle { get; init; } = true;
}
