using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Schema;

/// <summary>
/// Drift detection: the live catalog against the catalog that the revision chain up to the database's current
/// revisions makes, built step by step in a <see cref="ScratchDatabase"/>. After every step the scratch catalog is read,
/// so each difference is attributed to the revision at which the expected object or value first took its final form;
/// for what the database has beyond its revisions, the chain is replayed on to the heads to name the later revision
/// that adds it. The live database is only read.
/// </summary>
internal static class SchemaDrift
{
    public static async Task<List<DriftFinding>> FindAsync(MigrationMap map, MigrationOptions live, Catalog liveCatalog, IReadOnlyList<string> current,
                                                           CancellationToken cancellationToken)
    {
        var actual = CatalogEntries.Of(liveCatalog);
        await using var scratch = await ScratchDatabase.CreateAsync(live, cancellationToken).ConfigureAwait(false);
        var runner = new MigrationRunner(map, scratch.Options);
        var chain = await ReplayAsync(runner, scratch.Options, map.Graph.PlanUpgrade(Array.Empty<string>(), current.ToList()), cancellationToken).ConfigureAwait(false);
        var expected = chain[^1].Entries;
        var differences = CatalogDiff.Compare(expected, actual);
        var later = differences.Any(d => d.Kind != DifferenceKind.Missing)
            ? await ReplayAsync(runner, scratch.Options, map.Graph.PlanUpgrade(current, "heads"), cancellationToken).ConfigureAwait(false)
            : [];

        return differences.Select(d =>
        {
            var key = (d.Entry.Kind, d.Entry.Name);
            var made = d.Kind == DifferenceKind.Extra ? null : FinalFormAt(chain, key, d.Attribute);
            var liveValue = actual.Value(key, d.Attribute);
            var laterMade = d.Kind == DifferenceKind.Missing ? null : later.FirstOrDefault(s => s.Entries.Value(key, d.Attribute) == liveValue).Revision;
            return new DriftFinding(d, made, laterMade);
        }).ToList();
    }

    // The first step from which on the value stayed what the last step left: the revision that gave it its final form.
    private static string FinalFormAt(List<(string Revision, CatalogEntrySet Entries)> chain, (CatalogEntryKind, string) key, string? attribute)
    {
        var final = chain[^1].Entries.Value(key, attribute);
        var at = chain.Count - 1;
        while (at > 0 && chain[at - 1].Entries.Value(key, attribute) == final)
            at--;
        return chain[at].Revision;
    }

    private static async Task<List<(string Revision, CatalogEntrySet Entries)>> ReplayAsync(MigrationRunner runner, MigrationOptions scratch, Graph.RevisionWalk plan, CancellationToken cancellationToken)
    {
        var snapshots = new List<(string Revision, CatalogEntrySet Entries)>();
        foreach (var step in plan.Steps)
        {
            try
            {
                await runner.UpgradeAsync(step.Revision, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationException e)
            {
                throw new CommandLineException($"Revision {step.Revision} failed while building the revisions' schema in a scratch database (the live database was not touched): {e.Message}", ExitCodes.DatabaseError);
            }

            snapshots.Add((step.Revision, CatalogEntries.Of(CatalogReader.Read(scratch))));
        }

        return snapshots;
    }
}
