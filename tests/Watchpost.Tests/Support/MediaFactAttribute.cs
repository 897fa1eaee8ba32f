using Watchpost.Assets;

namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that needs labelled footage from the mirror (../shared/media): it is reported as skipped, with the
/// path it looked for, on a machine that does not have it — never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MediaFactAttribute : FactAttribute
{
    /// <param name="relativePath">A file or folder under the mirror, e.g. "media/falls".</param>
    public MediaFactAttribute(string relativePath)
    {
        if (MediaPath.Find(relativePath) is null)
        {
            Skip = $"needs {relativePath} from the mirror folder ($WATCHPOST_MIRROR or ../shared); not found here";
        }
    }
}

/// <summary>Finds a file or folder in the mirror folders.</summary>
public static class MediaPath
{
    public static string? Find(string relativePath) =>
        AssetMirror.Folders().Select(f => Path.Combine(f, relativePath)).FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));

    public static string Require(string relativePath) =>
        Find(relativePath) ?? throw new FileNotFoundException($"{relativePath} is in no mirror folder ($WATCHPOST_MIRROR or ../shared)");
}
