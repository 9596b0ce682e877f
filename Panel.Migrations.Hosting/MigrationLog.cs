using System;
using Microsoft.Extensions.Logging;

namespace Panel.Migrations.Hosting;

/// <summary>The log messages of the hosting integration (source-generated, no boxing, AOT-safe).</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Upgrading {Database} to {Target}; at {Heads}")]
    public static partial void Upgrading(ILogger logger, string database, string target, string heads);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Applied {Direction} {Revision} in {ElapsedMs:0.0} ms")]
    public static partial void Applied(ILogger logger, string direction, string revision, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Database} is at {Heads}: {Count} migration(s) applied in {ElapsedMs:0.0} ms")]
    public static partial void Upgraded(ILogger logger, string database, string heads, int count, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Database} is up to date at {Heads}")]
    public static partial void UpToDate(ILogger logger, string database, string heads);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical, Message = "Upgrading {Database} to {Target} failed; the host stops: {Reason}")]
    public static partial void Failed(ILogger logger, string database, string target, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "{Line}")]
    public static partial void Progress(ILogger logger, string line);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Applying {Direction} {Revision}: {Message}")]
    public static partial void Applying(ILogger logger, string direction, string revision, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Backed up the database to {Path} ({Bytes} bytes) in {ElapsedMs:0.0} ms")]
    public static partial void BackedUp(ILogger logger, string path, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void Warning(ILogger logger, string warning);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Upgrading {Database} to {Target} was cancelled; the host stops. {Reason}")]
    public static partial void Cancelled(ILogger logger, string database, string target, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Skipped the scheduled backup of {Database}: a migration holds the lock; the next one is taken as scheduled")]
    public static partial void BackupSkipped(ILogger logger, string database);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The scheduled backup of {Database} failed; the schedule goes on: {Reason}")]
    public static partial void BackupFailed(ILogger logger, Exception exception, string database, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Pruned {Count} old backup(s) from {Location}")]
    public static partial void Pruned(ILogger logger, int count, string location);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Rebuilding table {Table}: {Rows} of {TotalRows} row(s) copied ({Percent}%)")]
    public static partial void Copying(ILogger logger, string table, long rows, long totalRows, int percent);
}
