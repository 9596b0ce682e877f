using System;
using System.IO;
using System.Threading.Tasks;

namespace Panel.Migrations.Backups;

/// <summary>
/// How every backup file is written: into a folder only the owner may enter, as a temp file only the owner may read,
/// checked, then renamed into place; so a backup file either is complete and checked or does not exist.
/// </summary>
internal static class BackupFiles
{
    /// <summary>Creates <paramref name="folder"/> (owner-only on Unix) when it does not exist.</summary>
    public static void EnsureFolder(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Opens a file for writing that only its owner may read and write (0600): new (<paramref name="mode"/>
    /// <see cref="FileMode.CreateNew"/>), or created or replaced (<see cref="FileMode.Create"/>).
    /// </summary>
    public static FileStream CreateOwnerOnly(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>Writes (or replaces) a small owner-only text file.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = CreateOwnerOnly(path, FileMode.Create);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>A temp name next to <paramref name="destination"/> (hidden, so a listing of backups never shows it).</summary>
    public static string TempFor(string destination) =>
        Path.Combine(Path.GetDirectoryName(destination)!, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");

    /// <summary>
    /// Runs <paramref name="write"/> on a new owner-only temp file next to <paramref name="destination"/>, then moves it into
    /// place; the temp file is gone whatever happens.
    /// </summary>
    public static async Task<T> WriteAsync<T>(string destination, bool replace, Func<string, Task<T>> write)
    {
        EnsureFolder(Path.GetDirectoryName(destination)!);
        var temp = TempFor(destination);
        try
        {
            await CreateOwnerOnly(temp).DisposeAsync().ConfigureAwait(false);
            var result = await write(temp).ConfigureAwait(false);
            File.Move(temp, destination, overwrite: replace);
            return result;
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
