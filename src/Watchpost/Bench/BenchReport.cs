using System.Text.Json.Serialization;

namespace Watchpost.Bench;

/// <summary>What `watchpost bench` prints: one JSON line.</summary>
/// <param name="DetectFps">Each camera's detectFps (0 = every frame).</param>
/// <param name="Scene">"footage" (the sample as it is) or "quiet" (its empty background with walk-ins).</param>
/// <param name="Rtsp">Whether the cameras read live streams from bench's own RTSP server.</param>
/// <param name="Motion">Whether every camera's motion gate was on (--motion).</param>
/// <param name="DetectionsPerSecond">Frames through detection, tracking and rules per second (with the gate on, gated frames count: they were tracked and checked).</param>
/// <param name="DetectorRunsPerSecond">Frames the detector actually ran on per second (less than the above with the gate on).</param>
/// <param name="ShortfallWorst">The largest camera shortfall (1 - detected / expected).</param>
/// <param name="ShortfallTotal">1 - all detections / all expected.</param>
/// <param name="Fairness">Lowest camera detect rate ÷ highest.</param>
/// <param name="ProcessCpuCores">watchpost's own CPU: inference, tracking, rules, events (decoding is in the cameras' ffmpeg).</param>
/// <param name="DecodeCpuCores">The cameras' ffmpeg readers together.</param>
/// <param name="RtspServerCpuCores">Bench's RTSP server and publishers together; null without --rtsp.</param>
/// <param name="RatioToPhysical">Detections/s ÷ <see cref="Physical"/>'s rate; null when it could not be measured (a foreign stream).</param>
/// <param name="WalkIns">The quiet scene's walk-in detection delays; null for other scenes.</param>
/// <param name="Peers">Other designs measured in the same run (--peers); null without.</param>
public sealed record BenchReport(
    int Cameras,
    string Source,
    double Seconds,
    string Provider,
    int DetectorWorkers,
    double DetectFps,
    string Scene,
    bool Rtsp,
    bool Motion,
    IReadOnlyList<BenchCameraReport> PerCamera,
    double DetectionsPerSecond,
    double DetectorRunsPerSecond,
    double ShortfallWorst,
    double ShortfallTotal,
    double Fairness,
    BenchPercentiles InferenceMs,
    BenchPercentiles DetectorQueueWaitMs,
    BenchPercentiles FrameToAlertMs,
    long Alerts,
    double ProcessCpuCores,
    double DecodeCpuCores,
    double? RtspServerCpuCores,
    double PeakRssMb,
    double RssAfterWarmupMb,
    double RssAtEndMb,
    IReadOnlyList<double> RssMbEachMinute,
    BenchCeiling Ceiling,
    double RatioToCeiling,
    BenchPhysical? Physical,
    double? RatioToPhysical,
    BenchWalkIns? WalkIns,
    IReadOnlyList<BenchPeer>? Peers,
    double LoadAverage1m);

public sealed record BenchPercentiles(double P50, double P99);

public sealed record BenchCeiling(double SingleSessionPerSecond, double SessionPerCorePerSecond, double BestPerSecond, string BestMode, int Cores);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
