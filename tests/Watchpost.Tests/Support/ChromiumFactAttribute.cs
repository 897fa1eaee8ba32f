using Watchpost.Assets;

namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that drives Debian's chromium through Playwright (<see cref="BrowserFixture.ChromiumPath"/>; setup.sh
/// installs it), optionally on files of the mirror (the sample footage): on a machine without them it is reported
/// as skipped with what is missing — never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <param name="relativePaths">Mirror files the test needs as well, e.g. "media/vtest.avi", "models/yolox_nano.onnx".</param>
    public ChromiumFactAttribute(params string[] relativePaths)
    {
        var missing = relativePaths.Where(p => AssetMirror.Find(p) is null).ToList();
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            missing.Insert(0, $"{BrowserFixture.ChromiumPath} (apt-get install chromium, or ./setup.sh deps)");
        }

        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)}; not found here";
        }
    }
}
