using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// The backups folder: names <c>&lt;name&gt;_backup_YYYYMMDD_HHMMSS[_N]&lt;ext&gt;</c> (<see cref="BackupName"/>; <c>.db</c>
/// SQLite, <c>.dump</c> PostgreSQL, <c>.sql</c> MySQL/MariaDB) and lists the backups of one database (pruned by
/// <see cref="BackupAftercare"/>).
/// </summary>
internal sealed class BackupFolder
{
    public BackupFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new, free file name for a backup of <paramref name="source"/> taken at <paramref name="now"/>.</summary>
    public string NewFile(DatabaseBackup source, DateTimeOffset now)
    {
        var stem = System.IO.Path.Combine(Path, BackupName.Stem(source.Name, now));
        var candidate = stem + source.Extension;
        for (var i = 2; File.Exists(candidate); i++)
        {
            candidate = stem + "_" + i.ToString(CultureInfo.InvariantCulture) + source.Extension;
        }

        return candidate;
    }

    /// <summary>
    /// Writes a new backup of <paramref name="source"/> into this folder (checked, owner-readable only); returns the file
    /// and the revisions it is at. Pruning is the caller's next step (<see cref="BackupAftercare"/>).
    /// </summary>
    public async Task<(string Path, IReadOnlyList<string> Heads)> TakeAsync(DatabaseBackup source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var destination = NewFile(source, now);
        while (true)
        {
            try
            {
                return (destination, await source.WriteAsync(destination, cancellationToken).ConfigureAwait(false));
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another runner took a backup under the same name in the same second: take the next free name.
                destination = NewFile(source, now);
            }
        }
    }

    /// <summary>The backups of <paramref name="database"/> (a <see cref="DatabaseBackup.Name"/>) in this folder, newest first.</summary>
    public IReadOnlyList<BackupName> List(string database) =>
        Directory.Exists(Path)
            ? BackupName.NewestFirst(Directory.EnumerateFiles(Path, database + BackupName.Marker + "*")
                .Select(f => BackupName.TryParse(System.IO.Path.GetFileName(f), database)).OfType<BackupName>()).ToList()
            : [];
}
