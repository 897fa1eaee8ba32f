namespace Watchpost.Bench;

/// <summary>One camera's figures over the measured window.</summary>
/// <param name="Expected">Detections it asked for: detectFps × seconds, or every frame it offered when detectFps is 0.</param>
/// <param name="Shortfall">1 - detected / expected.</param>
/// <param name="FramesGated">Frames the motion gate kept from the detector (counted in FramesProcessed: they were tracked and checked by the rules).</param>
/// <param name="DecodeCpuCores">Its ffmpeg reader's CPU (utime + stime ÷ seconds); null for a camera decoded in-process.</param>
public sealed record BenchCameraReport(
    string Id,
    long FramesIn,
    long FramesProcessed,
    long FramesDropped,
    long Reconnects,
    double DetectPerSecond,
    double Expected,
    double Shortfall,
    double? DecodeCpuCores,
    long FramesGated);
