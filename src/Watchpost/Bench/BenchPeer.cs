using System.Text.Json.Serialization;

namespace Watchpost.Bench;

/// <summary>
/// One design measured in the same run on the same model, footage and machine.
/// <see cref="CamerasAt5Fps"/> is derived, not run: cores × 0.99 ÷ (5 × CPU-s per detection, its decode included),
/// the cameras whose 5 detections a second the cores could carry with 1 % to spare.
/// </summary>
/// <param name="MsPerDetection">Wall milliseconds of one detection on one of its workers (its latency).</param>
/// <param name="CpuMsPerDetection">CPU milliseconds per detection, decode included where the design decodes.</param>
public sealed record BenchPeer(
    string Name,
    string Design,
    double DetectionsPerSecond,
    double MsPerDetection,
    double CpuMsPerDetection,
    double CpuCores,
    [property: JsonPropertyName("cameras_at_5_fps")] int CamerasAt5Fps,
    double RssMb);
