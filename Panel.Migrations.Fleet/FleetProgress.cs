using System;

namespace Panel.Migrations.Fleet;

/// <summary>A fleet run's progress as this runner sees it, after each database it finished.</summary>
/// <param name="Outcome">The database just finished.</param>
/// <param name="Done">Databases of the run finished (by this runner, plus those finished before it started).</param>
/// <param name="Total">Databases in the run.</param>
/// <param name="Failed">Failures this runner recorded.</param>
/// <param name="Rate">This runner's databases per second.</param>
/// <param name="Remaining">The time left at this rate, when there is a rate.</param>
public sealed record FleetProgress(FleetOutcome Outcome, int Done, int Total, int Failed, double Rate, TimeSpan? Remaining);
