using System.Collections.Generic;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Schema;

/// <summary>
/// A difference with the revisions it belongs to: <c>MadeBy</c>, the revision of the database's chain at which the
/// expected object or value first took its final form; <c>LaterMadeBy</c>, the first revision after the database's
/// current one that makes the object or value the database already has (aaPanel's own code often got there first).
/// </summary>
internal sealed record DriftFinding(SchemaDifference Difference, string? MadeBy, string? LaterMadeBy)
{
    /// <summary>One readable line, e.g. <c>extra column sites.type_id (INTEGER NULL DEFAULT 0): not in the schema of revision 001; later revision 5a1c0e7d9b21 adds it</c>.</summary>
    public string ToLine(IReadOnlyList<string> current)
    {
        var entry = Difference.Entry;
        var at = (current.Count == 1 ? "revision " : "revisions ") + string.Join(", ", current);
        return Difference.Kind switch
        {
            DifferenceKind.Missing => $"missing {entry.DescribeWithAttributes()}: revision {MadeBy} adds it",
            DifferenceKind.Extra => $"extra {entry.DescribeWithAttributes()}: not in the schema of {at}; "
                                    + (LaterMadeBy is null ? "no later revision adds it" : $"later revision {LaterMadeBy} adds it"),
            _ => $"different {Difference.Attribute} of {entry.Describe()}: the database has {Difference.Actual!.ValueOf(Difference.Attribute!) ?? "none"}; "
                 + $"revision {MadeBy} makes it {Difference.Expected!.ValueOf(Difference.Attribute!)}"
                 + (LaterMadeBy is null ? "" : $"; later revision {LaterMadeBy} makes it what the database has"),
        };
    }
}
