using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>The backups folder: names <c>&lt;name&gt;_backup_YYYYMMDD_HHMMSS.db</c> and keeps the newest N per database.</summary>
internal sealed class BackupFolder
{
    public BackupFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new file name for a backup of <paramref name="databaseFile"/> taken at <paramref name="now"/>.</summary>
    public string NewFile(string databaseFile, DateTimeOffset now)
    {
        var stem = System.IO.Path.Combine(Path, NameOf(databaseFile) + "_backup_" + now.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
        var candidate = stem + ".db";
        for (var i = 2; File.Exists(candidate); i++)
        {
            candidate = stem + "_" + i.ToString(CultureInfo.InvariantCulture) + ".db";
        }

        return candidate;
    }

    /// <summary>
    /// Copies <paramref name="databaseFile"/> into a new file of this folder (checked, owner-readable only), then keeps the
    /// newest <paramref name="keep"/>; returns the file and the revisions it is at.
    /// </summary>
    public (string Path, System.Collections.Generic.IReadOnlyList<string> Heads) Take(string databaseFile, DateTimeOffset now, string versionTable, int keep)
    {
        var destination = NewFile(databaseFile, now);
        while (true)
        {
            try
            {
                var heads = SqliteBackup.Copy(databaseFile, destination, versionTable);
                Prune(databaseFile, keep);
                return (destination, heads);
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another runner took a backup under the same name in the same second: take the next free name.
                destination = NewFile(databaseFile, now);
            }
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups of <paramref name="databaseFile"/>; returns how many went.</summary>
    public int Prune(string databaseFile, int keep)
    {
        if (!Directory.Exists(Path) || keep < 1)
        {
            return 0;
        }

        var old = Directory.GetFiles(Path, NameOf(databaseFile) + "_backup_*.db")
            .OrderByDescending(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }

        return old.Count;
    }

    private static string NameOf(string databaseFile) => System.IO.Path.GetFileNameWithoutExtension(databaseFile);
}
