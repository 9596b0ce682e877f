using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Squash;

/// <summary>
/// The proof that a squash is equivalent to the chain it replaces: one scratch database built through the replaced
/// migrations, one through the squash, on the configured kind of database; their catalogs (read and compared as
/// <c>check --schema</c> does) and their version tables must be the same. The configured database is not touched.
/// </summary>
internal static class SquashVerifier
{
    /// <summary>Every difference, each as one line; empty when the squash builds what the chain builds.</summary>
    public static async Task<List<string>> DifferencesAsync(MigrationMap map, SquashedRange squash, MigrationOptions live, CancellationToken cancellationToken)
    {
        // The build without the squash: what a database that ran the old chain went through.
        var chain = new MigrationMap(map.Declared.Values.Where(m => m.Revision != squash.Squash));
        var (chainCatalog, chainRows) = await BuildAsync(chain, squash.End, live, cancellationToken).ConfigureAwait(false);
        var (squashCatalog, squashRows) = await BuildAsync(map, squash.End, live, cancellationToken).ConfigureAwait(false);
        var lines = CatalogDiff.Compare(chainCatalog, squashCatalog).Select(d => d.Kind switch
        {
            DifferenceKind.Missing => $"missing {d.Entry.DescribeWithAttributes()}: the chain makes it, squash {squash.Squash} does not",
            DifferenceKind.Extra => $"extra {d.Entry.DescribeWithAttributes()}: squash {squash.Squash} makes it, the chain does not",
            _ => $"different {d.Attribute} of {d.Entry.Describe()}: the chain makes it {d.Expected!.ValueOf(d.Attribute!)}, squash {squash.Squash} makes it {d.Actual!.ValueOf(d.Attribute!)}",
        }).ToList();
        if (!chainRows.SequenceEqual(squashRows))
            lines.Add($"version table: the chain leaves {string.Join(", ", chainRows)}, squash {squash.Squash} leaves {string.Join(", ", squashRows)}");
        return lines;
    }

    private static async Task<(CatalogEntrySet Catalog, IReadOnlyList<string> Rows)> BuildAsync(MigrationMap map, string target, MigrationOptions live, CancellationToken cancellationToken)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(live, cancellationToken, "panel_squash_").ConfigureAwait(false);
        var runner = new MigrationRunner(map, scratch.Options);
        try
        {
            await runner.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException e)
        {
            throw new CommandLineException($"Building revision {target} in a scratch database failed (the configured database was not touched): {e.Message}", ExitCodes.CheckFailed);
        }

        return (CatalogEntries.Of(CatalogReader.Read(scratch.Options)), await runner.CurrentAsync(cancellationToken).ConfigureAwait(false));
    }
}
