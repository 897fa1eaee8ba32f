using System.Text.Json.Serialization;

namespace Watchpost.Bench;

/// <summary>What `watchpost bench` prints: one JSON line.</summary>
public sealed record BenchReport(
    int Cameras,
    string Source,
    double Seconds,
    string Provider,
    int DetectorWorkers,
    IReadOnlyList<BenchCameraReport> PerCamera,
    double DetectionsPerSecond,
    BenchPercentiles InferenceMs,
    BenchPercentiles DetectorQueueWaitMs,
    BenchPercentiles FrameToAlertMs,
    long Alerts,
    double ProcessCpuCores,
    double PeakRssMb,
    double RssAfterWarmupMb,
    double RssAtEndMb,
    IReadOnlyList<double> RssMbEachMinute,
    BenchCeiling Ceiling,
    double RatioToCeiling,
    double LoadAverage1m);

public sealed record BenchCameraReport(string Id, long FramesIn, long FramesProcessed, long FramesDropped, long Reconnects);

public sealed record BenchPercentiles(double P50, double P99);

public sealed record BenchCeiling(double SingleSessionPerSecond, double SessionPerCorePerSecond, double BestPerSecond, string BestMode, int Cores);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
