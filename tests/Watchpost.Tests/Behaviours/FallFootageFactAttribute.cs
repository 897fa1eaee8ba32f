using Watchpost.Assets;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// A test on the GMDCSA24 fall clips of the mirror (media/falls): skipped, with the reason, where the clips or the
/// model are not there (they are not part of the repository), and for <see cref="OptIn"/> tests unless asked for.
/// </summary>
public sealed class FallFootageFactAttribute(params string[] clips) : FactAttribute
{
    /// <summary>Set to 1 to run the <see cref="OptIn"/> tests (the whole-set measurement, about 1300 frames).</summary>
    public const string OptInVariable = "WATCHPOST_FALL_TABLE";

    /// <summary>Runs only when <see cref="OptInVariable"/> is 1: too slow for every test run.</summary>
    public bool OptIn { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? Missing() ?? (OptIn && Environment.GetEnvironmentVariable(OptInVariable) != "1"
            ? $"measures all nine clips (about 1300 frames); run with {OptInVariable}=1"
            : null);
        set => base.Skip = value;
    }

    private string? Missing()
    {
        var missing = clips.Select(c => $"media/falls/{c}").Append("models/yolox_nano.onnx").Where(p => AssetMirror.Find(p) is null).ToList();
        return missing.Count == 0
            ? null
            : $"needs {string.Join(", ", missing)} in a mirror folder ({string.Join(", ", AssetMirror.Folders().DefaultIfEmpty("none exists"))}); run ./setup.sh or set {AssetMirror.EnvironmentVariable}";
    }
}
