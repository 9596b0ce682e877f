using System;
using System.Threading;
using System.Threading.Tasks;
using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Panel.Migrations.Hosting;

/// <summary>
/// Backs the database up on <see cref="PanelMigrationsOptions.BackupSchedule"/> while the app runs. A backup due while a
/// migration holds the lock is skipped, not delayed (the next occurrence comes soon enough, and a backup taken right after
/// an upgrade would only repeat the upgrade's own automatic one); a failed backup is logged and the schedule goes on.
/// </summary>
internal sealed class ScheduledBackupService : BackgroundService
{
    private readonly MigrationRunner _runner;
    private readonly PanelMigrationsOptions _options;
    private readonly CronExpression _schedule;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public ScheduledBackupService(MigrationRunner runner, PanelMigrationsOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? clock = null)
    {
        _runner = runner;
        _options = options;
        _schedule = Parse(options.BackupSchedule!);
        _clock = clock ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger("Panel.Migrations") ?? NullLogger.Instance;
    }

    /// <summary>How long a due backup waits for a migration's lock before it is skipped.</summary>
    public static TimeSpan LockWait { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads a cron expression of five fields, or six with seconds first.</summary>
    /// <exception cref="MigrationConfigurationException">It is not one.</exception>
    public static CronExpression Parse(string expression)
    {
        try
        {
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            return CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException error)
        {
            throw new MigrationConfigurationException(
                $"The backup schedule \"{expression}\" is not a cron expression ({error.Message}). Write five fields, minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\" for 03:00 every day.", error);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _clock.GetUtcNow();
            if (_schedule.GetNextOccurrence(now, _options.BackupScheduleTimeZone) is not { } next)
                return; // a schedule with no future occurrence (e.g. 30 February)
            await Task.Delay(next - now, _clock, stoppingToken).ConfigureAwait(false);
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One due backup: taken, skipped while a migration holds the lock, or failed; logged in each case, never thrown.</summary>
    public async Task<BackupTaken?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var backup = _runner.Options.Backup ?? new BackupOptions { Folder = _options.BackupFolder, Retention = _options.BackupRetention, Remotes = _options.BackupRemotes };
            var taken = await _runner.TryBackupAsync(backup, LockWait, cancellationToken).ConfigureAwait(false);
            if (taken is null)
                MigrationLog.BackupSkipped(_logger, _runner.Options.DisplayName);
            return taken;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            MigrationLog.BackupFailed(_logger, error, _runner.Options.DisplayName, error.Message);
            return null;
        }
    }
}
