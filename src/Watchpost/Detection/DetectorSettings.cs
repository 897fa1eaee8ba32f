using Watchpost.Detection.Decoding;

namespace Watchpost.Detection;

/// <summary>Everything a detector needs to know about its model and thresholds, resolved from the manifest and options.</summary>
public sealed record DetectorSettings
{
    public required int InputWidth { get; init; }
    public required int InputHeight { get; init; }
    public required OutputLayout Layout { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The model takes RGB planes (YOLOv8/YOLO11 exports); false = BGR (YOLOX).</summary>
    public bool Rgb { get; init; }

    /// <summary>Multiplies each 0..255 pixel value: 1 for YOLOX (raw pixels), 1/255 for YOLOv8/YOLO11.</summary>
    public float PixelScale { get; init; } = 1f;

    public float ScoreThreshold { get; init; } = 0.5f;
    public IReadOnlyDictionary<string, float> ClassScoreThresholds { get; init; } = new Dictionary<string, float>();
    public float NmsThreshold { get; init; } = 0.45f;

    /// <summary>The most frames one inference run takes (1 = no batching; more needs a model with a dynamic batch dimension).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Class names to report; empty = all.</summary>
    public IReadOnlyCollection<string> Classes { get; init; } = [];

    public IOutputDecoder CreateDecoder() => Layout switch
    {
        OutputLayout.Yolox => new YoloxDecoder(InputWidth, InputHeight, Labels.Count),
        OutputLayout.YoloV8 => new YoloV8Decoder(Labels.Count),
        _ => throw new NotSupportedException($"output layout {Layout} has no decoder"),
    };

    /// <summary>Minimum score per class id (the per-class override, else <see cref="ScoreThreshold"/>).</summary>
    public float[] ClassThresholds() =>
        [.. Labels.Select(label => ClassScoreThresholds.TryGetValue(label, out var t) ? t : ScoreThreshold)];

    public bool[] EnabledClasses() =>
        [.. Labels.Select(label => Classes.Count == 0 || Classes.Contains(label))];

    /// <summary>
    /// What the decoders take: the minimum score per class id, +infinity for a class that is not reported, so
    /// that an anchor is labelled with its best reported class rather than dropped for an unwanted one.
    /// </summary>
    public float[] DecodeThresholds()
    {
        var thresholds = ClassThresholds();
        var enabled = EnabledClasses();
        for (var i = 0; i < thresholds.Length; i++)
        {
            if (!enabled[i])
            {
                thresholds[i] = float.PositiveInfinity;
            }
        }

        return thresholds;
    }

    /// <summary>Throws when a class named in <see cref="Classes"/> or <see cref="ClassScoreThresholds"/> is not a model label.</summary>
    public void Validate()
    {
        if (InputWidth <= 0 || InputHeight <= 0)
        {
            throw new ArgumentException($"input size {InputWidth}x{InputHeight}: expected positive width and height");
        }

        if (BatchSize is < 1 or > 64)
        {
            throw new ArgumentException($"batch size {BatchSize}: expected 1 to 64");
        }

        var unknown = Classes.Concat(ClassScoreThresholds.Keys).Where(name => !Labels.Contains(name)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"class name(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))} are not labels of the model; " +
                $"expected names from its {Labels.Count} labels (e.g. {string.Join(", ", Labels.Take(8))})");
        }
    }
}
