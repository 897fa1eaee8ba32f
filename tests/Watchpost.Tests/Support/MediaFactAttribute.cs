using Watchpost.Assets;

namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that needs labelled footage from the mirror (../shared/media): it is reported as skipped, with the
/// path it looked for, on a machine that does not have it — never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MediaFactAttribute : FactAttribute
{
    /// <param name="relativePaths">Files or folders under the mirror, e.g. "media/falls/subject1/fall/14.mp4", "models/yolox_nano.onnx".</param>
    public MediaFactAttribute(params string[] relativePaths)
    {
        var missing = relativePaths.Where(p => AssetMirror.Find(p) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} in a mirror folder ($WATCHPOST_MIRROR or ../shared; see ../shared/media/README.md); not found here";
        }
    }
}
