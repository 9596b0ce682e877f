using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>
/// How a backup is recorded as verified (restored and checked: <c>restore</c> of it succeeded, or a restore drill passed):
/// a small sidecar file <c>&lt;backup&gt;.verified</c> next to it, owner-readable only, saying when and how. Pruning never
/// deletes the newest verified backup, and deletes a pruned backup's sidecar with it.
/// </summary>
internal static class BackupVerification
{
    public const string Suffix = ".verified";

    /// <summary>Records that <paramref name="backupFile"/> was verified now, by <paramref name="how"/> (e.g. <c>restored</c>).</summary>
    public static void Mark(string backupFile, string how, DateTimeOffset now) =>
        BackupFiles.WriteAllText(backupFile + Suffix, $"verified {now.ToString("O", CultureInfo.InvariantCulture)} {how}\n");

    /// <summary>Whether <paramref name="backupFile"/> has been verified.</summary>
    public static bool IsVerified(string backupFile) => File.Exists(backupFile + Suffix);

    /// <summary>The newest of <paramref name="backups"/> (in <paramref name="folder"/>) that has been verified, or null.</summary>
    public static string? NewestVerified(string folder, System.Collections.Generic.IEnumerable<BackupName> backups) =>
        BackupName.NewestFirst(backups).FirstOrDefault(b => IsVerified(Path.Combine(folder, b.Name)))?.Name;
}
