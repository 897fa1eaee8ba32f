using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>
/// The highest inference rates a bare ONNX Runtime loop reached with one model on this machine: one session with
/// an intra-op thread per core, and one single-threaded session per core running in parallel.
/// </summary>
internal sealed record InferenceCeilingResult(
    ExecutionProvider Provider,
    int Cores,
    double SingleSessionPerSecond,
    double SessionPerCorePerSecond)
{
    /// <summary>The better of the two ways: what a detector service can at best reach here.</summary>
    public double BestPerSecond => Math.Max(SingleSessionPerSecond, SessionPerCorePerSecond);

    public string BestMode => SessionPerCorePerSecond >= SingleSessionPerSecond ? "session-per-core" : "single-session";
}
