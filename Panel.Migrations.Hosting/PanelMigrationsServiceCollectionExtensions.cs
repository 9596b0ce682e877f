using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Panel.Migrations.Hosting;

/// <summary>Registers Panel.Migrations with a Microsoft.Extensions service collection.</summary>
public static class PanelMigrationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="MigrationRunner"/> over <paramref name="map"/> (usually the generated
    /// <c>MigrationRegistry.Map</c>) and, when <see cref="PanelMigrationsOptions.UpgradeOnStart"/> is set, a hosted
    /// service that upgrades the database in <c>StartAsync</c>, before the app serves; a failure stops the host. With
    /// <see cref="PanelMigrationsOptions.BackupSchedule"/>, also a hosted service that backs the database up on that schedule.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="map">The migrations.</param>
    /// <param name="configure">Sets the database (<see cref="PanelMigrationsOptions.Migration"/>) and <see cref="PanelMigrationsOptions.UpgradeOnStart"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException">
    /// AddPanelMigrations was called before on this collection: one database per service collection (a second call would
    /// otherwise be ignored without a word). Run a second database with a <see cref="MigrationRunner"/> of its own.
    /// </exception>
    public static IServiceCollection AddPanelMigrations(this IServiceCollection services, MigrationMap map, Action<PanelMigrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(map);
        if (services.Any(d => d.ServiceType == typeof(PanelMigrationsOptions)))
            throw new InvalidOperationException(
                "AddPanelMigrations was already called on this service collection; it registers one database. For a second database, create its runner " +
                "yourself, e.g. new MigrationRunner(OtherRegistry.Map, MigrationOptions.FromUri(uri)), and call UpgradeAsync on it.");
        var options = new PanelMigrationsOptions();
        configure?.Invoke(options);

        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var logger = (ILogger?)provider.GetService<ILoggerFactory>()?.CreateLogger("Panel.Migrations") ?? NullLogger.Instance;
            var host = provider.GetService<IHostEnvironment>();
            var migration = options.Migration
                ?? MigrationOptions.FromUri(HostDatabaseSettings.Resolve(options, provider.GetService<IConfiguration>(), host).DatabaseUri);
            // The runtime's progress lines go to the logger too, unless the app routes them itself; its events become the
            // per-step log lines. The automatic backup follows the same policy as the command line's.
            if (migration.Log is null)
                migration = migration with { Log = line => MigrationLog.Progress(logger, line) };
            if (migration.Events is null)
                migration = migration with { Events = new MigrationEventLog(logger, migration.DisplayName, options.Target).Write };
            if (migration.Backup is null)
                migration = migration with { Backup = BackupOptions.For(options.AutomaticBackups, EnvironmentOf(host), options.BackupFolder, options.BackupRetention) is { } backup ? backup with { Remotes = options.BackupRemotes } : null };
            return new MigrationRunner(map, migration);
        });
        if (options.UpgradeOnStart)
            services.AddHostedService<MigrateOnStartHostedService>();
        if (options.BackupSchedule is { } schedule)
        {
            ScheduledBackupService.Parse(schedule); // a bad expression fails here, at registration, not hours later
            services.AddHostedService<ScheduledBackupService>();
        }
        return services;
    }

    // The host's environment (Production, Development...) where there is one, else ENVIRONMENT as the runtime reads it.
    private static MigrationEnvironment EnvironmentOf(IHostEnvironment? host) =>
        host is not null
            ? HostDatabaseSettings.EnvironmentOf(host.EnvironmentName)
            : MigrationSettings.ParseEnvironment(Environment.GetEnvironmentVariable(MigrationSettings.EnvironmentVariable));
}
