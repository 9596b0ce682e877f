using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>
/// Which backups a <see cref="BackupRetention"/> deletes: one pure function over names and times, used for the local
/// folder and for every remote, so they are pruned alike and the rule is tested without files.
/// </summary>
internal static class RetentionPlan
{
    /// <summary>The names of <paramref name="backups"/> to delete; <paramref name="protectedNames"/> (the backup just taken, the last verified one) are always kept.</summary>
    public static IReadOnlyList<string> ToDelete(IEnumerable<BackupName> backups, BackupRetention retention, IEnumerable<string?> protectedNames)
    {
        if (retention.KeepsEverything)
            return [];
        var newestFirst = BackupName.NewestFirst(backups).ToList();
        var keep = new HashSet<string>(protectedNames.OfType<string>(), StringComparer.Ordinal);
        keep.UnionWith(newestFirst.Take(retention.Newest).Select(b => b.Name));
        KeepNewestPer(newestFirst, retention.Daily, b => b.TakenAt.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), keep);
        KeepNewestPer(newestFirst, retention.Weekly, b => ISOWeek.GetYear(b.TakenAt).ToString(CultureInfo.InvariantCulture) + "W" + ISOWeek.GetWeekOfYear(b.TakenAt).ToString(CultureInfo.InvariantCulture), keep);
        KeepNewestPer(newestFirst, retention.Monthly, b => b.TakenAt.ToString("yyyyMM", CultureInfo.InvariantCulture), keep);
        return newestFirst.Where(b => !keep.Contains(b.Name)).Select(b => b.Name).ToList();
    }

    // The newest backup of each of the newest `periods` periods (days, weeks, months) that have a backup.
    private static void KeepNewestPer(List<BackupName> newestFirst, int periods, Func<BackupName, string> period, HashSet<string> keep)
    {
        if (periods <= 0)
            return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backup in newestFirst)
        {
            if (seen.Add(period(backup)))
            {
                keep.Add(backup.Name);
                if (seen.Count == periods)
                    return;
            }
        }
    }
}
