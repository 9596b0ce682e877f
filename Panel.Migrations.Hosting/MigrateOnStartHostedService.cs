using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Panel.Migrations.Hosting;

/// <summary>
/// Upgrades the database in <see cref="StartAsync"/>: the host awaits hosted services' StartAsync before it starts
/// serving, so the app never sees an old schema. A failure is logged with the database (password masked) and
/// rethrown as a <see cref="MigrationException"/>, which stops the host.
/// </summary>
internal sealed class MigrateOnStartHostedService : IHostedService
{
    private readonly MigrationRunner _runner;
    private readonly PanelMigrationsOptions _options;
    private readonly ILogger _logger;

    public MigrateOnStartHostedService(MigrationRunner runner, PanelMigrationsOptions options, ILoggerFactory? loggerFactory = null)
    {
        _runner = runner;
        _options = options;
        _logger = (ILogger?)loggerFactory?.CreateLogger("Panel.Migrations") ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = _runner.Options.DisplayName;
        var target = _options.Target;
        var clock = Stopwatch.StartNew();
        MigrationResult result;
        try
        {
            if (_logger.IsEnabled(LogLevel.Information))
                MigrationLog.Upgrading(_logger, database, target, Heads(await _runner.CurrentAsync(cancellationToken).ConfigureAwait(false)));
            result = await _runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            MigrationLog.Failed(_logger, error, database, target, error.Message);
            throw new MigrationException($"Upgrading {database} to {target} failed: {error.Message}", error);
        }
        if (result.Steps.Count == 0)
            MigrationLog.UpToDate(_logger, database, Heads(result.HeadsAfter));
        else
            MigrationLog.Upgraded(_logger, database, Heads(result.HeadsAfter), result.Steps.Count, clock.Elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Heads(System.Collections.Generic.IReadOnlyList<string> heads) =>
        heads.Count == 0 ? "<base>" : string.Join(", ", heads);
}
