using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

public sealed class DetectorOptions
{
    /// <summary>A model name from models/manifest.json.</summary>
    [Required]
    public string Model { get; set; } = "yolox-nano";

    /// <summary>Explicit path of the .onnx file; when empty the model is looked up in the model folders.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Execution providers in order of preference; the first that loads is used.</summary>
    public List<string> Providers { get; set; } = ["tensorrt", "cuda", "cpu"];

    /// <summary>Inference sessions run in parallel; 0 = one per core.</summary>
    [Range(0, 64)]
    public int Sessions { get; set; }

    /// <summary>Intra-op threads per session; 0 = 1 (parallelism comes from several sessions).</summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>
    /// The lowest score the detector reports. Low by default on purpose: the tracker starts tracks only from
    /// confident detections (0.6, ByteTrackerOptions) and uses the weak ones to hold tracks through occlusion,
    /// and rules only see confirmed tracks; docs/quality.md was measured this way.
    /// </summary>
    [Range(0.01, 1.0)]
    public double ScoreThreshold { get; set; } = 0.1;

    /// <summary>Per-class overrides of <see cref="ScoreThreshold"/>, by class name.</summary>
    public Dictionary<string, double> ClassThresholds { get; set; } = [];

    [Range(0.05, 0.95)]
    public double NmsThreshold { get; set; } = 0.45;

    /// <summary>Only these classes are reported; empty = all.</summary>
    public List<string> Classes { get; set; } = ["person", "bicycle", "car", "motorcycle", "bus", "truck"];

    /// <summary>
    /// The model's square input size in pixels (320, 416 or 640 where the manifest has a variant of that size);
    /// 0 = the model's own. Smaller is faster and misses small, far people.
    /// </summary>
    [Range(0, 1280)]
    public int InputSize { get; set; }

    /// <summary>
    /// The most frames the detector pool runs through the model at once. 1 (no batching) by default: on the CPU a
    /// batch costs as much per frame as single frames (docs/performance.md); a GPU gains. More than 1 needs a model
    /// with a dynamic batch dimension (e.g. yolox-nano-dynamic). Validated at start-up and sizes each detector's
    /// buffers; the pool does not yet gather queued frames into batches (each worker runs one frame at a time).
    /// </summary>
    [Range(1, 64)]
    public int BatchSize { get; set; } = 1;

    /// <summary>GPU provider options (device, TensorRT FP16 and engine cache, CUDA graphs).</summary>
    [ValidateObjectMembers]
    public DetectorGpuOptions Gpu { get; set; } = new();

    /// <summary>What the box does when the cameras offer more than the detector can take.</summary>
    [ValidateObjectMembers]
    public DetectorOverloadOptions Overload { get; set; } = new();
}
