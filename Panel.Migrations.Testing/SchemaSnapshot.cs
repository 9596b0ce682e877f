using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Testing;

/// <summary>
/// The schema at head as a readable text file that the project commits, so a pull request shows the schema change beside
/// the migration that makes it: every table with its columns, keys, constraints, indexes and triggers, then the views,
/// one line each, sorted by name. One file per kind of database (types and defaults are the database's own words).
/// </summary>
public static class SchemaSnapshot
{
    /// <summary>The snapshot text of the schema that <paramref name="target"/> makes on a new throw-away database.</summary>
    /// <param name="map">The app's migrations.</param>
    /// <param name="target">The upgrade target; <c>heads</c> by default.</param>
    /// <param name="database">Where the throw-away database is made; <see cref="TestDatabase.Sqlite"/> when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<string> RenderAsync(MigrationMap map, string target = "heads", TestDatabase? database = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var db = await (database ?? TestDatabase.Sqlite).CreateAsync(cancellationToken).ConfigureAwait(false);
        var runner = db.RunnerFor(map);
        await MigrationStairway.UpgradeAsync(runner, target, target, $"Upgrading to {target} for the schema snapshot failed", cancellationToken).ConfigureAwait(false);
        var heads = await runner.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return Text(db.Kind, heads, db.ReadSchema());
    }

    /// <summary>
    /// Compares the schema at <c>heads</c> with the snapshot file at <paramref name="path"/>. When the file is missing or
    /// differs, it is (re)written and the check fails listing the changed lines: review the new file and commit it.
    /// </summary>
    /// <exception cref="MigrationTestException">The file was missing or out of date (and has now been written).</exception>
    public static async Task VerifyAsync(MigrationMap map, string path, TestDatabase? database = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var actual = await RenderAsync(map, "heads", database, cancellationToken).ConfigureAwait(false);
        var full = Path.GetFullPath(path);
        string? committed = File.Exists(full) ? (await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false)).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (committed == actual)
            return;

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, actual, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        if (committed is null)
            throw new MigrationTestException($"The schema snapshot {full} did not exist; it has been written. Review it and commit it, then run the test again.");

        var old = committed.Split('\n');
        var now = actual.Split('\n');
        var changes = old.Except(now).Select(l => "removed: " + l.Trim()).Concat(now.Except(old).Select(l => "added: " + l.Trim())).Take(40);
        throw new MigrationTestException($"The schema at head differs from the snapshot {full}; the file has been rewritten. Review the change and commit it "
                                         + $"(it belongs with the migration that makes it):{SchemaComparison.List(changes)}");
    }

    // Tables in name order, each followed by what belongs to it; views and functions last.
    internal static string Text(DatabaseKind kind, System.Collections.Generic.IReadOnlyList<string> heads, CatalogEntrySet schema)
    {
        var text = new StringBuilder();
        text.Append("# Schema at ").Append(MigrationStairway.Heads(heads)).Append(" on ").Append(kind)
            .Append(", written by Panel.Migrations.Testing (SchemaSnapshot). Commit it; a schema change shows here beside its migration.\n");
        var entries = schema.Values.ToList();
        foreach (var table in entries.Where(e => e.Kind == CatalogEntryKind.Table))
        {
            text.Append('\n').Append(table.Describe()).Append('\n');
            foreach (var part in entries.Where(e => e.Table == table.Name))
                text.Append("  ").Append(part.DescribeWithAttributes()).Append('\n');
        }

        var rest = entries.Where(e => e.Kind != CatalogEntryKind.Table && e.Table is null).ToList();
        if (rest.Count > 0)
            text.Append('\n');
        foreach (var entry in rest)
            text.Append(entry.DescribeWithAttributes()).Append('\n');
        return text.ToString();
    }
}
