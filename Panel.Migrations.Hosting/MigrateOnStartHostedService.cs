using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Panel.Migrations.Execution;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Hosting;

/// <summary>
/// Upgrades the database in <see cref="StartAsync"/>: the host awaits hosted services' StartAsync before it starts
/// serving, so the app never sees an old schema. A failure (the database settings included) is logged once, as one line
/// with the database (password masked), and rethrown as a <see cref="MigrationException"/>, which stops the host. A
/// cancellation (Ctrl+C or SIGTERM while the host starts) rolls the running step back, logs the steps that committed and
/// where the database stands, and asks the host to stop: it then ends normally, without an unhandled exception.
/// </summary>
internal sealed class MigrateOnStartHostedService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly PanelMigrationsOptions _options;
    private readonly ILogger _logger;

    public MigrateOnStartHostedService(IServiceProvider services, PanelMigrationsOptions options, ILoggerFactory? loggerFactory = null)
    {
        _services = services;
        _options = options;
        _logger = (ILogger?)loggerFactory?.CreateLogger("Panel.Migrations") ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var target = _options.Target;
        var database = "the database";
        var clock = Stopwatch.StartNew();
        MigrationRunner? runner = null;
        MigrationResult result;
        try
        {
            // Resolved here, not in the constructor: a missing or bad database setting is a failure of this step, logged as one.
            runner = _services.GetRequiredService<MigrationRunner>();
            database = runner.Options.DisplayName;
            result = await runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            MigrationLog.Cancelled(_logger, database, target, cancelled is MigrationCanceledException ? cancelled.Message : "Cancelled before any step started.");
            // The host stops as it would after a Ctrl+C while serving; services after this one see the cancelled token.
            _services.GetService<IHostApplicationLifetime>()?.StopApplication();
            return;
        }
        catch (Exception error)
        {
            // One line, no stack trace: the host logs the exception itself when it stops. A provider's raw error (SQLite
            // error 11, say) reads as the sentence the command line prints.
            var reason = (runner is null ? null : ProviderErrorSentence.For(error, runner.Options)) ?? error.Message;
            MigrationLog.Failed(_logger, database, target, reason);
            throw new MigrationException($"Upgrading {database} to {target} failed: {reason}", error);
        }
        if (result.Steps.Count == 0)
            MigrationLog.UpToDate(_logger, database, PipelineContext.HeadsText(result.HeadsAfter));
        else
            MigrationLog.Upgraded(_logger, database, PipelineContext.HeadsText(result.HeadsAfter), result.Steps.Count, clock.Elapsed.TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
