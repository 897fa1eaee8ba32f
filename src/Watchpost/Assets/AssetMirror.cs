namespace Watchpost.Assets;

/// <summary>
/// Finds the folder that mirrors the project's large files (model weights, sample footage, ground truth):
/// $WATCHPOST_MIRROR when set, else a `shared` folder beside the working directory or beside any folder above
/// the executable (a checkout's `../shared`), else the download cache that setup.sh fills.
/// </summary>
public static class AssetMirror
{
    public const string EnvironmentVariable = "WATCHPOST_MIRROR";

    /// <summary>Where downloaded assets are kept when no mirror folder exists.</summary>
    public static string DownloadCache =>
        Environment.GetEnvironmentVariable("WATCHPOST_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "watchpost");

    /// <summary>Folders searched in order; only existing ones are returned.</summary>
    public static IReadOnlyList<string> Folders()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } mirror)
        {
            folders.Add(Path.GetFullPath(mirror));
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared");
                if (Directory.Exists(Path.Combine(candidate, "models")) || Directory.Exists(Path.Combine(candidate, "media")))
                {
                    folders.Add(Path.GetFullPath(candidate));
                    break;
                }
            }
        }

        folders.Add(DownloadCache);
        return [.. folders.Distinct().Where(Directory.Exists)];
    }

    /// <summary>The first existing file at <paramref name="relativePath"/> (e.g. "media/vtest.avi") in the mirror folders.</summary>
    public static string? Find(string relativePath) =>
        Folders().Select(folder => Path.Combine(folder, relativePath)).FirstOrDefault(File.Exists);

    /// <summary>Like <see cref="Find"/>, but a missing file is an error that says where it was looked for and how to get it.</summary>
    public static string Require(string relativePath) =>
        Find(relativePath) ?? throw new FileNotFoundException(
            $"'{relativePath}' was not found in any mirror folder ({string.Join(", ", Folders().DefaultIfEmpty("none exists"))}). " +
            $"Run ./setup.sh to fetch it, or point {EnvironmentVariable} at a folder that holds it.",
            relativePath);
}
