using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>
/// The other processes that have a file open, read from Linux's <c>/proc/PID/fd</c> links. An idle connection holds no
/// lock, so only this shows a panel that would go on writing into a file renamed away under it. It sees every process
/// when run as root, otherwise those of the same user; elsewhere than Linux it sees none.
/// </summary>
internal static class OpenFileHolders
{
    /// <summary>The processes other than this one with any of <paramref name="realPaths"/> (resolved, see <see cref="RealPath"/>) open, as "ID (name)".</summary>
    public static IReadOnlyList<string> Of(IReadOnlyCollection<string> realPaths)
    {
        var found = new List<string>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
            return found;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == Environment.ProcessId)
                continue;
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } open && realPaths.Contains(open)))
                    found.Add($"{id} ({File.ReadAllText(Path.Combine(folder, "comm")).Trim()})");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or belongs to another user.
            }
        }

        return found;
    }
}
