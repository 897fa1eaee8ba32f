namespace Watchpost.Bench;

/// <summary>Where bench keeps the media it derives from the footage (clips, the quiet background): WATCHPOST_CACHE, else ~/.cache/watchpost.</summary>
internal static class BenchCache
{
    public static string Folder(string? folder = null)
    {
        folder ??= Environment.GetEnvironmentVariable("WATCHPOST_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "watchpost");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A cache file name that changes when the footage it comes from does (path, size, time written).</summary>
    public static string PathFor(string footage, string what, string extension, string? folder = null)
    {
        var info = new FileInfo(footage);
        var key = $"{Path.GetFullPath(footage)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(Folder(folder), $"{Path.GetFileNameWithoutExtension(footage)}-{what}-{hash}.{extension}");
    }
}
