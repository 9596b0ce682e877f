using System.IO;

namespace Panel.Migrations.Backups;

/// <summary>
/// A path with every symbolic link in it resolved (a folder's as well as the file's), like POSIX <c>realpath</c>: the name
/// the kernel shows for an open file, and the file a write through a link must reach.
/// </summary>
internal static class RealPath
{
    // More links than this in one path is a loop (Linux's own limit is 40).
    private const int MaxLinks = 40;

    /// <summary>The resolved absolute form of <paramref name="path"/>; a part that does not exist is kept as written.</summary>
    /// <exception cref="IOException">The links form a loop.</exception>
    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, System.StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                    throw new IOException($"Too many symbolic links in {full} (a loop?).");
                current = Resolve(Path.GetFullPath(target, Path.GetDirectoryName(current)!), ref links);
            }
        }

        return current;
    }
}
