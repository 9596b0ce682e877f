using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Testing;

/// <summary>
/// The stairway test: for every revision in upgrade order (branches and merges included), upgrade to it, downgrade that
/// one revision, and upgrade to it again. After the downgrade the schema must be the one before the upgrade, and after
/// the second upgrade the one after the first, compared the way <c>check --schema</c> compares (tables, columns,
/// constraints, indexes, triggers, views). A failure is a <see cref="MigrationTestException"/> that names the revision
/// and lists the differences. A revision without <c>Down</c> (<c>[Irreversible]</c>) is upgraded only, and reported so.
/// </summary>
public static class MigrationStairway
{
    /// <summary>Walks the whole stairway on one new throw-away database.</summary>
    /// <param name="map">The app's migrations, e.g. the generated <c>MigrationRegistry.Map</c>.</param>
    /// <param name="database">Where the throw-away database is made; <see cref="TestDatabase.Sqlite"/> when null.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>What was checked, with the time each revision took.</returns>
    /// <exception cref="MigrationTestException">A revision failed a check; the message names it.</exception>
    public static async Task<StairwayReport> RunAsync(MigrationMap map, TestDatabase? database = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var clock = Stopwatch.StartNew();
        await using var db = await (database ?? TestDatabase.Sqlite).CreateAsync(cancellationToken).ConfigureAwait(false);
        var runner = db.RunnerFor(map);
        var steps = new List<StairwayStep>();
        var schema = db.ReadSchema();
        foreach (var revision in map.Graph.UpgradeOrder)
        {
            var (step, after) = await StepOnAsync(db, runner, revision, schema, cancellationToken).ConfigureAwait(false);
            steps.Add(step);
            schema = after;
        }
        return new StairwayReport(db.Kind, steps, clock.Elapsed);
    }

    /// <summary>
    /// One stair on its own, for one test case per revision (see <see cref="MigrationCase"/>): a new throw-away database
    /// is brought to where the stairway stands before <paramref name="revision"/> (every revision before it in upgrade
    /// order), then the revision is upgraded, downgraded and upgraded again with the same checks.
    /// </summary>
    /// <exception cref="ArgumentException">The map has no such revision.</exception>
    /// <exception cref="MigrationTestException">The revision failed a check, or an earlier revision failed to upgrade.</exception>
    public static async Task<StairwayStep> StepAsync(MigrationMap map, string revision, TestDatabase? database = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var order = map.Graph.UpgradeOrder;
        var index = order.ToList().IndexOf(revision);
        if (index < 0)
            throw new ArgumentException($"The migrations have no revision '{revision}'. Take the cases from MigrationCase.All(map) so they match the map.", nameof(revision));

        await using var db = await (database ?? TestDatabase.Sqlite).CreateAsync(cancellationToken).ConfigureAwait(false);
        var runner = db.RunnerFor(map);
        IReadOnlyList<string> heads = [];
        foreach (var earlier in order.Take(index))
            heads = map.Graph.PlanUpgrade(heads, earlier).HeadsAfter;
        foreach (var head in heads)
            await UpgradeAsync(runner, head, revision, $"Preparing the database for {MigrationTestException.Name(map, revision)} failed at the upgrade to {head}", cancellationToken).ConfigureAwait(false);
        return (await StepOnAsync(db, runner, revision, db.ReadSchema(), cancellationToken).ConfigureAwait(false)).Step;
    }

    /// <summary>The same as <see cref="StepAsync(MigrationMap, string, TestDatabase?, CancellationToken)"/> for a case of <see cref="MigrationCase.All"/>.</summary>
    public static Task<StairwayStep> StepAsync(MigrationMap map, MigrationCase revision, TestDatabase? database = null, CancellationToken cancellationToken = default) =>
        StepAsync(map, (revision ?? throw new ArgumentNullException(nameof(revision))).Revision, database, cancellationToken);

    // One stair from the schema the database has now (before, read by the caller: the previous stair's last read).
    // Returns the schema it leaves, which is the next stair's "before".
    private static async Task<(StairwayStep Step, CatalogEntrySet After)> StepOnAsync(ThrowawayDatabase db, MigrationRunner runner, string revision, CatalogEntrySet before,
                                                                                      CancellationToken cancellationToken)
    {
        var map = runner.Map;
        var name = MigrationTestException.Name(map, revision);
        var clock = Stopwatch.StartNew();
        var headsBefore = await runner.CurrentAsync(cancellationToken).ConfigureAwait(false);
        await UpgradeAsync(runner, revision, revision, $"{name}: its upgrade failed", cancellationToken).ConfigureAwait(false);
        var upgraded = db.ReadSchema();

        var target = DowngradeTarget(map, await runner.CurrentAsync(cancellationToken).ConfigureAwait(false), revision);
        try
        {
            await runner.DowngradeAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsIrreversible(e))
        {
            return (new StairwayStep(revision, map[revision].Message, Irreversible: true, clock.Elapsed), upgraded);
        }
        catch (MigrationException e)
        {
            throw new MigrationTestException(revision, $"{name}: its downgrade failed: {e.Message}", e);
        }

        var headsDown = await runner.CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (!headsDown.OrderBy(h => h, StringComparer.Ordinal).SequenceEqual(headsBefore.OrderBy(h => h, StringComparer.Ordinal)))
            throw new MigrationTestException(revision, $"{name}: after its downgrade the database is at {Heads(headsDown)}, not at {Heads(headsBefore)} where it was before the upgrade.");

        var differences = SchemaComparison.Differences(before, "before the upgrade", db.ReadSchema(), "after the downgrade");
        if (differences.Count > 0)
            throw new MigrationTestException(revision, $"{name}: after its downgrade the schema is not the one before its upgrade:{SchemaComparison.List(differences)}\n"
                                                       + "Make Down undo everything Up does, and nothing more.");

        await UpgradeAsync(runner, revision, revision, $"{name}: upgrading to it again after its downgrade failed (does Down leave something behind that Up makes?)", cancellationToken).ConfigureAwait(false);
        var again = db.ReadSchema();
        differences = SchemaComparison.Differences(upgraded, "after the first upgrade", again, "after upgrading again");
        if (differences.Count > 0)
            throw new MigrationTestException(revision, $"{name}: upgrading to it again after its downgrade made another schema than the first upgrade:{SchemaComparison.List(differences)}");
        return (new StairwayStep(revision, map[revision].Message, Irreversible: false, clock.Elapsed), again);
    }

    internal static async Task UpgradeAsync(MigrationRunner runner, string target, string revision, string failure, CancellationToken cancellationToken)
    {
        try
        {
            await runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException e)
        {
            throw new MigrationTestException(revision, $"{failure}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The downgrade target that undoes <paramref name="revision"/> and nothing else from <paramref name="heads"/>: the
    /// revision's own branch one step down (<c>rev@-1</c>), else one of its parents on its branch, else <c>-1</c>. Each
    /// candidate is planned first, so the walk never runs a downgrade that would take more than this revision.
    /// </summary>
    internal static string DowngradeTarget(MigrationMap map, IReadOnlyList<string> heads, string revision)
    {
        var candidates = new List<string> { revision + "@-1" };
        candidates.AddRange(map.Graph[revision].DownRevisions.Select(parent => revision + "@" + parent));
        candidates.Add(revision + "@base");
        candidates.Add("-1");
        foreach (var candidate in candidates)
        {
            try
            {
                var plan = map.Graph.PlanDowngrade(heads, candidate);
                if (plan.Steps is [{ Direction: MigrationDirection.Downgrade } step] && step.Revision == revision)
                    return candidate;
            }
            catch (RevisionGraphException)
            {
                // Not a target from here; try the next.
            }
        }

        throw new MigrationTestException(revision, $"{MigrationTestException.Name(map, revision)}: no downgrade target undoes this revision alone from {Heads(heads)}, so the stairway cannot check it.");
    }

    internal static string Heads(IReadOnlyList<string> heads) => heads.Count == 0 ? "base (no revision)" : string.Join(", ", heads);

    private static bool IsIrreversible(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IrreversibleMigrationException)
                return true;
        return false;
    }
}
