using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Testing;

/// <summary>
/// Two schemas compared with the schema check's comparison (<see cref="CatalogDiff"/>), each difference as one line that
/// says when each side was read, e.g. <c>index ix_notes_title (ON notes (title)) is there after the downgrade, not before the upgrade</c>.
/// </summary>
internal static class SchemaComparison
{
    public static List<string> Differences(CatalogEntrySet expected, string expectedWhen, CatalogEntrySet actual, string actualWhen) =>
        CatalogDiff.Compare(expected, actual).Select(d => d.Kind switch
        {
            DifferenceKind.Missing => $"{d.Entry.DescribeWithAttributes()} is there {expectedWhen}, not {actualWhen}",
            DifferenceKind.Extra => $"{d.Entry.DescribeWithAttributes()} is there {actualWhen}, not {expectedWhen}",
            _ => $"the {d.Attribute} of {d.Entry.Describe()} is {d.Expected!.ValueOf(d.Attribute!)} {expectedWhen} and {d.Actual!.ValueOf(d.Attribute!)} {actualWhen}",
        }).ToList();

    /// <summary>The lines as an indented list for an exception message.</summary>
    public static string List(IEnumerable<string> lines) => string.Concat(lines.Select(l => "\n  - " + l));
}
