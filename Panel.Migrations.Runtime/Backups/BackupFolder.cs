using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// The backups folder: names <c>&lt;name&gt;_backup_YYYYMMDD_HHMMSS&lt;ext&gt;</c> (<c>.db</c> SQLite, <c>.dump</c> PostgreSQL,
/// <c>.sql</c> MySQL/MariaDB) and keeps the newest N per database.
/// </summary>
internal sealed class BackupFolder
{
    public BackupFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new file name for a backup of <paramref name="source"/> taken at <paramref name="now"/>.</summary>
    public string NewFile(DatabaseBackup source, DateTimeOffset now)
    {
        var stem = System.IO.Path.Combine(Path, source.Name + "_backup_" + now.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
        var candidate = stem + source.Extension;
        for (var i = 2; File.Exists(candidate); i++)
        {
            candidate = stem + "_" + i.ToString(CultureInfo.InvariantCulture) + source.Extension;
        }

        return candidate;
    }

    /// <summary>
    /// Writes a new backup of <paramref name="source"/> into this folder (checked, owner-readable only), then keeps the
    /// newest <paramref name="keep"/>; returns the file and the revisions it is at.
    /// </summary>
    public async Task<(string Path, IReadOnlyList<string> Heads)> TakeAsync(DatabaseBackup source, DateTimeOffset now, int keep, CancellationToken cancellationToken)
    {
        var destination = NewFile(source, now);
        while (true)
        {
            try
            {
                var heads = await source.WriteAsync(destination, cancellationToken).ConfigureAwait(false);
                Prune(source, keep);
                return (destination, heads);
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another runner took a backup under the same name in the same second: take the next free name.
                destination = NewFile(source, now);
            }
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups of <paramref name="source"/>; returns how many went.</summary>
    public int Prune(DatabaseBackup source, int keep)
    {
        if (!Directory.Exists(Path) || keep < 1)
        {
            return 0;
        }

        var old = Directory.GetFiles(Path, source.Name + "_backup_*" + source.Extension)
            .OrderByDescending(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }

        return old.Count;
    }
}
