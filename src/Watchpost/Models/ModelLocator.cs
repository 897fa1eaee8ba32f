using Watchpost.Assets;

namespace Watchpost.Models;

/// <summary>
/// Finds a manifest model's file: the explicit path from the options when one is set, else models/&lt;file&gt; in the
/// mirror folders (<see cref="AssetMirror"/>), else in the download cache that <c>watchpost model fetch</c> fills.
/// </summary>
public sealed class ModelLocator
{
    public ModelLocator(IReadOnlyList<string> mirrorFolders, string cacheFolder)
    {
        MirrorFolders = mirrorFolders;
        CacheFolder = cacheFolder;
    }

    /// <summary>Folders holding a models/ folder, searched in order (the download cache excluded).</summary>
    public IReadOnlyList<string> MirrorFolders { get; }

    /// <summary>The download cache; models are kept in its models/ folder.</summary>
    public string CacheFolder { get; }

    /// <summary>The mirror folders and the cache of <see cref="AssetMirror"/> as they are now.</summary>
    public static ModelLocator FromAssetMirror()
    {
        var cache = Path.GetFullPath(AssetMirror.DownloadCache);
        var mirrors = AssetMirror.Folders().Where(folder => Path.GetFullPath(folder) != cache).ToList();
        return new ModelLocator(mirrors, cache);
    }

    /// <summary>Where <paramref name="entry"/>'s file is stored once fetched.</summary>
    public string CachePath(ModelManifestEntry entry) => Path.Combine(CacheFolder, "models", entry.File);

    /// <summary>Every place looked at, in order.</summary>
    public IReadOnlyList<string> Candidates(ModelManifestEntry entry, string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return [Path.GetFullPath(explicitPath)];
        }

        return [.. MirrorFolders.Select(folder => Path.Combine(folder, "models", entry.File)).Append(CachePath(entry)).Distinct()];
    }

    public string? Find(ModelManifestEntry entry, string? explicitPath = null) =>
        Candidates(entry, explicitPath).FirstOrDefault(File.Exists);

    /// <summary>The model file's path; a missing file throws <see cref="ModelFileException"/> saying where it looked and how to fetch it.</summary>
    public string Locate(ModelManifestEntry entry, string? explicitPath = null)
    {
        if (Find(entry, explicitPath) is { } found)
        {
            return found;
        }

        var candidates = Candidates(entry, explicitPath);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            throw new ModelFileException(
                $"model file {candidates[0]} (detector.modelPath) does not exist. Fix detector.modelPath, or remove it to use " +
                $"the manifest's '{entry.Name}' ({entry.File}), which `watchpost model fetch {entry.Name}` downloads.",
                candidates[0]);
        }

        throw new ModelFileException(
            $"model '{entry.Name}' ({entry.File}) was not found; looked in: {string.Join(", ", candidates)}. " +
            $"Run `watchpost model fetch {entry.Name}` to {(entry.MadeFrom is { } from ? $"make it from '{from}'" : $"download it from {entry.Url}")} into {CachePath(entry)}, " +
            $"point {AssetMirror.EnvironmentVariable} at a folder holding models/{entry.File}, or set detector.modelPath.",
            candidates[^1]);
    }
}
