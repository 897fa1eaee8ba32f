namespace Watchpost.Detection;

public enum OutputLayout
{
    /// <summary>[1, N, 5 + C]: box, objectness, class scores (YOLOX).</summary>
    Yolox,

    /// <summary>[1, 4 + C, N]: box then class scores, no objectness (YOLOv8 / YOLO11).</summary>
    YoloV8,
}

/// <summary>Everything a detector needs to know about its model and thresholds, resolved from the manifest and options.</summary>
public sealed record DetectorSettings
{
    public required int InputWidth { get; init; }
    public required int InputHeight { get; init; }
    public required OutputLayout Layout { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public bool Rgb { get; init; }
    public float ScoreThreshold { get; init; } = 0.5f;
    public IReadOnlyDictionary<string, float> ClassScoreThresholds { get; init; } = new Dictionary<string, float>();
    public float NmsThreshold { get; init; } = 0.45f;

    /// <summary>Class names to report; empty = all.</summary>
    public IReadOnlyCollection<string> Classes { get; init; } = [];

    public IOutputDecoder CreateDecoder() => Layout switch
    {
        OutputLayout.Yolox => new YoloxDecoder(InputWidth, InputHeight, Labels.Count),
        _ => throw new NotSupportedException($"output layout {Layout} has no decoder"),
    };

    public float[] ClassThresholds() =>
        [.. Labels.Select(label => ClassScoreThresholds.TryGetValue(label, out var t) ? t : ScoreThreshold)];

    public bool[] EnabledClasses() =>
        [.. Labels.Select(label => Classes.Count == 0 || Classes.Contains(label))];
}
