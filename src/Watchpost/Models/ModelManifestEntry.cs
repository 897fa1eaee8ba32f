using System.Text.Json.Serialization;
using Watchpost.Detection.Decoding;

namespace Watchpost.Models;

/// <summary>One model of models/manifest.json: where to get it, how to check it, and how to feed and read it.</summary>
public sealed record ModelManifestEntry
{
    /// <summary>The name used in <c>detector.model</c> and on the command line, e.g. "yolox-nano".</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The file name under a mirror's or the cache's models/ folder.</summary>
    public required string File { get; init; }

    /// <summary>The HTTPS address <c>watchpost model fetch</c> downloads from.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// For a variant: the model whose file models/make-variant.py rewrites into this one (with
    /// <see cref="VariantArguments"/>); the variant is made, not downloaded from <see cref="Url"/>.
    /// </summary>
    public string? MadeFrom { get; init; }

    /// <summary>The make-variant.py options that make this variant from <see cref="MadeFrom"/>, e.g. ["--dynamic-batch"].</summary>
    public IReadOnlyList<string> VariantArguments { get; init; } = [];

    /// <summary>Accepted SHA-256 hashes (lower-case hex): different exports of the same weights are all valid.</summary>
    public required IReadOnlyList<string> Sha256 { get; init; }

    /// <summary>Size in bytes, when every accepted file has it.</summary>
    public long? Size { get; init; }

    /// <summary>The input shape [batch, 3, height, width]; a batch of -1 = dynamic (the model takes several frames per run).</summary>
    public required IReadOnlyList<int> Input { get; init; }

    /// <summary>The output shape; absent = not checked.</summary>
    public IReadOnlyList<int>? Output { get; init; }

    /// <summary>"yolox" or "yolov8" (also "yolo11"); absent = told from the output shape.</summary>
    public string? Layout { get; init; }

    /// <summary>"bgr" (YOLOX; the default when absent) or "rgb" (YOLOv8/YOLO11).</summary>
    public string? ColourOrder { get; init; }

    /// <summary>True when the model expects pixels divided by 255 (YOLOv8/YOLO11); false for raw 0..255 (YOLOX).</summary>
    public bool Normalize { get; init; }

    /// <summary>Class names in the model's order; "coco" in the file stands for the 80 COCO names.</summary>
    [JsonConverter(typeof(LabelsJsonConverter))]
    public required IReadOnlyList<string> Labels { get; init; }

    public required string Licence { get; init; }

    public string? LicenceUrl { get; init; }

    public int InputHeight => Input[2];
    public int InputWidth => Input[3];
    public bool Rgb => ColourOrder == "rgb";

    /// <summary>The declared layout, or null when the manifest leaves it to the output shape.</summary>
    public OutputLayout? DeclaredLayout => Layout is null ? null : OutputLayouts.Parse(Layout);
}
