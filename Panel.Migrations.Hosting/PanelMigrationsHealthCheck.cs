using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Hosting;

/// <summary>
/// A health check of the database's migrations, for <c>services.AddHealthChecks().AddCheck&lt;PanelMigrationsHealthCheck&gt;("migrations")</c>:
/// healthy at the target (<see cref="PanelMigrationsOptions.Target"/>); degraded with migrations pending; the registration's
/// failure status when an upgrade would be refused (an applied migration edited since, a database newer than the code, an
/// unversioned schema...) or the database cannot be read. The data carries the heads and the pending revisions. It plans
/// with the registered <see cref="MigrationRunner"/> and writes nothing.
/// </summary>
public sealed class PanelMigrationsHealthCheck : IHealthCheck
{
    private readonly MigrationRunner _runner;
    private readonly PanelMigrationsOptions _options;

    /// <summary>A check of <paramref name="runner"/>'s database (both registered by <c>AddPanelMigrations</c>).</summary>
    /// <param name="runner">The runner of the database.</param>
    /// <param name="options">Where the start-up upgrade goes (the target checked against).</param>
    public PanelMigrationsHealthCheck(MigrationRunner runner, PanelMigrationsOptions options)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        MigrationPlan plan;
        try
        {
            plan = await _runner.PlanAsync(MigrationDirection.Upgrade, _options.Target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new HealthCheckResult(failure, $"Cannot read the migrations of {_runner.Options.DisplayName}: {error.Message}");
        }
        var data = new Dictionary<string, object>
        {
            ["database"] = plan.Database,
            ["heads"] = plan.HeadsBefore.ToArray(),
            ["pending"] = plan.Steps.Select(s => s.Revision).ToArray(),
        };
        if (plan.Findings.FirstOrDefault(f => f.Blocks) is { } refusal)
            return new HealthCheckResult(failure, $"{refusal.Kind}: {refusal.Message}", data: data);
        if (!plan.IsEmpty)
            return HealthCheckResult.Degraded($"{plan.Steps.Count} migration(s) pending on {plan.Database}: {string.Join(", ", plan.Steps.Select(s => s.Revision))}.", data: data);
        return HealthCheckResult.Healthy($"{plan.Database} is at {PipelineContext.HeadsText(plan.HeadsBefore)}.", data);
    }
}
