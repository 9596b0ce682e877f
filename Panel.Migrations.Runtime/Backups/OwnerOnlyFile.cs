using System;
using System.IO;

namespace Panel.Migrations.Backups;

/// <summary>Backups hold every row of the panel: their files are readable by the owner only (0600), their folders 0700.</summary>
internal static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="folder"/> (and its parents) when missing.</summary>
    public static void EnsureFolder(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Opens a new file for writing (<paramref name="mode"/> <see cref="FileMode.CreateNew"/> or <see cref="FileMode.Create"/>), owner-only.</summary>
    public static FileStream Create(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>Writes (or replaces) a small owner-only text file.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = Create(path, FileMode.Create);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
