using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>
/// Detection time per run (letterbox + inference + decode + NMS of <see cref="Batch"/> frames, one session) on one
/// execution provider, or why the provider could not run here.
/// </summary>
internal sealed record ProviderBenchmarkResult(
    ExecutionProvider Provider,
    bool Available,
    string? Reason,
    int IntraOpThreads,
    int Frames,
    double P50Ms,
    double P99Ms,
    double MeanMs,
    int Batch = 1)
{
    /// <summary>Mean milliseconds per frame: a run's mean over the frames it takes.</summary>
    public double MeanMsPerFrame => MeanMs / Batch;
}
