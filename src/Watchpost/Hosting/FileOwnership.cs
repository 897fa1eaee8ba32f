using System.Runtime.InteropServices;

namespace Watchpost.Hosting;

/// <summary>
/// The owner of a file, so that a file replaced by a rename keeps it (.NET has the mode but not the owner).
/// statx is used because its layout is the same on every Linux architecture, unlike stat's.
/// </summary>
internal static partial class FileOwnership
{
    private const int AtCurrentFolder = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    /// <summary>The user and group ids of <paramref name="path"/>; null off Linux.</summary>
    /// <exception cref="IOException">The file cannot be looked at.</exception>
    public static (uint Uid, uint Gid)? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        if (Statx(AtCurrentFolder, path, 0, StatxUid | StatxGid, buffer) != 0)
        {
            throw new IOException($"cannot read the owner of {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // struct statx: stx_mask u32, stx_blksize u32, stx_attributes u64, stx_nlink u32, stx_uid u32, stx_gid u32.
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24));
    }

    /// <summary>Gives <paramref name="replacement"/> the owner of <paramref name="original"/> when they differ.</summary>
    /// <exception cref="IOException">This process may not give that owner (it is neither root nor the owner).</exception>
    public static void Copy(string original, string replacement)
    {
        if (Of(original) is not { } want || Of(replacement) == want)
        {
            return;
        }

        if (Chown(replacement, want.Uid, want.Gid) != 0)
        {
            throw new IOException($"cannot give the new file the owner {want.Uid}:{want.Gid} of {original} ({Marshal.GetLastPInvokeErrorMessage()}); run as root or as the file's owner");
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int folder, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);
}
