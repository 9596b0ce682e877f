using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>A backup file's name and when it was taken, as the name says.</summary>
/// <param name="Name">The file name (no folder), the same locally and on a remote.</param>
/// <param name="TakenAt">The local time in the name.</param>
internal sealed record BackupName(string Name, DateTime TakenAt)
{
    /// <summary>The part of a backup's name after the database's name.</summary>
    public const string Marker = "_backup_";

    private const string StampFormat = "yyyyMMdd_HHmmss";

    /// <summary>The name of a backup of <paramref name="database"/> taken at <paramref name="now"/>, before any extension.</summary>
    public static string Stem(string database, DateTimeOffset now) => database + Marker + now.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <c>&lt;database&gt;_backup_YYYYMMDD_HHMMSS[_N].&lt;extension&gt;</c>, whatever the extension (SQLite's <c>.db</c>,
    /// a dump's), so every kind of backup file is listed and pruned alike; null for any other name, including hidden
    /// temp files and <see cref="BackupVerification"/>'s sidecars.
    /// </summary>
    public static BackupName? TryParse(string fileName, string database)
    {
        var prefix = database + Marker;
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || fileName.EndsWith(BackupVerification.Suffix, StringComparison.Ordinal))
            return null;
        var rest = fileName.AsSpan(prefix.Length);
        if (rest.Length < StampFormat.Length + 2
            || !DateTime.TryParseExact(rest[..StampFormat.Length], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var taken))
            return null;
        rest = rest[StampFormat.Length..];
        if (rest[0] == '_')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
                digits++;
            if (digits == 1)
                return null;
            rest = rest[digits..];
        }
        return rest.Length > 1 && rest[0] == '.' ? new BackupName(fileName, taken) : null;
    }

    /// <summary>Newest first; two backups of the same second are told apart by their <c>_N</c> suffix (longer names are newer).</summary>
    public static IOrderedEnumerable<BackupName> NewestFirst(IEnumerable<BackupName> backups) =>
        backups.OrderByDescending(b => b.TakenAt).ThenByDescending(b => b.Name.Length).ThenByDescending(b => b.Name, StringComparer.Ordinal);
}
