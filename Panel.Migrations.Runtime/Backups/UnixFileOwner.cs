using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Panel.Migrations.Backups;

/// <summary>
/// What .NET does not offer on Unix: a file's owner and group (<c>statx</c>), handing them to another file (<c>chown</c>),
/// and flushing a folder so that a rename in it survives a power cut (<c>fsync</c>). Linux only: elsewhere the owner is
/// unknown (null) and nothing is changed.
/// </summary>
internal static class UnixFileOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;
    // struct statx has one layout on every Linux architecture: stx_uid at byte 20, stx_gid at 24, 256 bytes in all.
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;

    /// <summary>The user and group ids of <paramref name="path"/> (links followed), or null where they cannot be read.</summary>
    public static (uint User, uint Group)? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (statx(AtFdCwd, Native(path), 0, StatxUid | StatxGid, buffer) != 0)
                return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null; // a C library older than statx (glibc 2.28)
        }

        return (BitConverter.ToUInt32(buffer, UidOffset), BitConverter.ToUInt32(buffer, GidOffset));
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="user"/> (null: unchanged) and <paramref name="group"/>; false when not allowed.</summary>
    public static bool TryChange(string path, uint? user, uint group) =>
        OperatingSystem.IsLinux() && chown(Native(path), user ?? uint.MaxValue, group) == 0;

    /// <summary>Flushes <paramref name="folder"/>'s entries to disk, so that a rename in it is durable; best effort.</summary>
    public static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var fd = open(Native(folder), 0); // O_RDONLY, which is how a folder is opened for fsync
        if (fd < 0)
            return;
        fsync(fd);
        close(fd);
    }

    private static byte[] Native(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(byte[] path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
