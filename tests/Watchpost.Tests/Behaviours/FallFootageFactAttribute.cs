using Watchpost.Assets;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// A test on the GMDCSA24 fall clips of the mirror (media/falls): skipped, with the reason, where the clips or the
/// model are not there (they are not part of the repository).
/// </summary>
public sealed class FallFootageFactAttribute : FactAttribute
{
    public FallFootageFactAttribute(params string[] clips)
    {
        var missing = clips.Select(c => $"media/falls/{c}").Append("models/yolox_nano.onnx").Where(p => AssetMirror.Find(p) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} in a mirror folder ({string.Join(", ", AssetMirror.Folders().DefaultIfEmpty("none exists"))}); run ./setup.sh or set {AssetMirror.EnvironmentVariable}";
        }
    }
}
