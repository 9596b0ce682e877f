using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Schema;

/// <summary>
/// Compares two catalogs and lists every difference once, in a stable order (kind, then name, then attribute): a
/// missing or extra object, or one attribute with another value. The parts of a table that is missing or extra as
/// a whole (its columns, constraints, indexes, triggers) are not listed again.
/// </summary>
internal static class CatalogDiff
{
    public static List<SchemaDifference> Compare(CatalogEntrySet want, CatalogEntrySet have)
    {
        var differences = new List<SchemaDifference>();
        foreach (var (key, entry) in want)
        {
            if (!have.TryGetValue(key, out var live))
            {
                if (entry.Table is null || have.ContainsKey((CatalogEntryKind.Table, entry.Table)))
                    differences.Add(new SchemaDifference(DifferenceKind.Missing, entry, null, null));
                continue;
            }

            differences.AddRange(entry.Attributes.Where(a => live.KeyOf(a.Name) != a.Key)
                                      .Select(a => new SchemaDifference(DifferenceKind.Different, entry, live, a.Name)));
        }

        foreach (var (key, entry) in have)
        {
            if (!want.ContainsKey(key) && (entry.Table is null || want.ContainsKey((CatalogEntryKind.Table, entry.Table))))
                differences.Add(new SchemaDifference(DifferenceKind.Extra, null, entry, null));
        }

        return differences.OrderBy(d => d.Entry.Kind).ThenBy(d => d.Entry.Name, System.StringComparer.Ordinal).ThenBy(d => d.Kind).ToList();
    }
}
