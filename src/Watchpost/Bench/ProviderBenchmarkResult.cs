using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>
/// Per-frame detection time (letterbox + inference + decode + NMS, one session) on one execution provider, or why
/// the provider could not run here.
/// </summary>
internal sealed record ProviderBenchmarkResult(
    ExecutionProvider Provider,
    bool Available,
    string? Reason,
    int IntraOpThreads,
    int Frames,
    double P50Ms,
    double P99Ms,
    double MeanMs);
