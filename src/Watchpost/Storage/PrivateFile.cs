using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Watchpost.Storage;

/// <summary>
/// The data folder's small state files that hold secrets or operators' names (arming, MQTT credentials, console
/// users): written whole, mode 0600, and a damaged one is moved aside rather than overwritten.
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="value"/> to a temporary file created with mode 0600, flushes it to disk and renames it
    /// over <paramref name="path"/>, so a power cut leaves either the old file or the new one, never a readable half.
    /// </summary>
    /// <exception cref="IOException">The folder or the disk refused.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    public static void WriteJson<T>(string path, T value, JsonTypeInfo<T> type)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.Delete(temporary);   // a leftover would keep its own mode
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, value, type);
            stream.Flush(flushToDisk: true);
        }

        // Run as root (an installer's `sudo watchpost user add`), the file keeps the owner of the one it replaces, or
        // else takes its folder's: the service user must still be able to read it.
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            Hosting.FileOwnership.Copy(File.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!, temporary);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The suffix a damaged file gets: <c>.damaged-&lt;yyyyMMddTHHmmssZ&gt;</c>.</summary>
    public static string DamagedStamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Moves <paramref name="path"/> to <c>&lt;path&gt;.damaged-&lt;stamp&gt;</c> (with -2, -3 ... when taken) and returns where it went.</summary>
    public static string MoveAside(string path, string stamp)
    {
        var target = $"{path}.damaged-{stamp}";
        for (var n = 2; File.Exists(target) || Directory.Exists(target); n++)
        {
            target = $"{path}.damaged-{stamp}-{n}";
        }

        File.Move(path, target);
        return target;
    }
}
