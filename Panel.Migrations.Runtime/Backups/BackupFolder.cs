using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Panel.Migrations.Backups;

/// <summary>
/// The backups folder: names <c>&lt;name&gt;_backup_YYYYMMDD_HHMMSS.&lt;extension&gt;</c> (<see cref="BackupName"/>), lists
/// the backups of one database (pruned by <see cref="BackupAftercare"/>).
/// </summary>
internal sealed class BackupFolder
{
    public BackupFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new, free file name for a backup of <paramref name="database"/> taken at <paramref name="now"/>.</summary>
    public string NewFile(string database, DateTimeOffset now, string extension = ".db")
    {
        var stem = System.IO.Path.Combine(Path, BackupName.Stem(database, now));
        var candidate = stem + extension;
        for (var i = 2; File.Exists(candidate); i++)
        {
            candidate = stem + "_" + i.ToString(CultureInfo.InvariantCulture) + extension;
        }

        return candidate;
    }

    /// <summary>
    /// Copies the SQLite file <paramref name="databaseFile"/> into a new file of this folder (checked, owner-readable only);
    /// returns the file and the revisions it is at. Pruning is the caller's next step (<see cref="BackupAftercare"/>).
    /// </summary>
    public (string Path, IReadOnlyList<string> Heads) Take(string databaseFile, DateTimeOffset now, string versionTable)
    {
        var database = NameOf(databaseFile);
        var destination = NewFile(database, now);
        while (true)
        {
            try
            {
                return (destination, SqliteBackup.Copy(databaseFile, destination, versionTable));
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another runner took a backup under the same name in the same second: take the next free name.
                destination = NewFile(database, now);
            }
        }
    }

    /// <summary>The backups of <paramref name="database"/> in this folder, newest first.</summary>
    public IReadOnlyList<BackupName> List(string database) =>
        Directory.Exists(Path)
            ? BackupName.NewestFirst(Directory.EnumerateFiles(Path, database + BackupName.Marker + "*")
                .Select(f => BackupName.TryParse(System.IO.Path.GetFileName(f), database)).OfType<BackupName>()).ToList()
            : [];

    /// <summary>The name backups of <paramref name="databaseFile"/> go by: the file's name without its extension.</summary>
    public static string NameOf(string databaseFile) => System.IO.Path.GetFileNameWithoutExtension(databaseFile);
}
