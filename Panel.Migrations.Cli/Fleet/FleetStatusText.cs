using System.Globalization;
using System.Linq;
using System.Text;
using Panel.Migrations.Fleet;

namespace Panel.Migrations.Cli.Fleet;

/// <summary>A fleet run's status as the text <c>fleet status</c> and the end of <c>fleet upgrade</c> print.</summary>
internal static class FleetStatusText
{
    /// <summary>How many databases a failure group names before it says how many more.</summary>
    private const int Examples = 3;

    public static string Write(FleetStatus status)
    {
        var run = status.Run;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run {run.RunId}: upgrade to {run.Target}, {run.Members} database(s), waves {run.Waves}, stop rule {run.StopRule}\n");
        if (run.Stopped is { } stopped)
            text.Append("STOPPED: ").Append(stopped).Append(" Resume with 'fleet upgrade --resume ").Append(run.RunId).Append("'.\n");
        text.Append("  ").AppendJoin(", ", status.ByStatus.Select(s => $"{s.Key} {s.Value}")).Append('\n');
        text.Append("Revisions:\n");
        var width = status.ByRevision.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        foreach (var (revision, count) in status.ByRevision)
            text.Append("  ").Append(revision.PadRight(width)).Append("  ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (status.Failures.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Failures ({status.Failures.Sum(f => f.Count)}), by message:\n");
            foreach (var group in status.Failures)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {group.Count} x {group.Kind}: {group.Message}\n");
                foreach (var database in group.Databases.Take(Examples))
                    text.Append("      ").Append(database).Append('\n');
                if (group.Databases.Count > Examples)
                    text.Append(CultureInfo.InvariantCulture, $"      ... and {group.Databases.Count - Examples} more ('fleet status {run.RunId} --json' lists them all)\n");
            }
        }

        return text.ToString();
    }
}
