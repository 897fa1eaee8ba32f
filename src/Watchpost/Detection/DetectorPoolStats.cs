namespace Watchpost.Detection;

/// <summary>
/// A snapshot of the detector pool: jobs done, failed and cancelled since start, jobs waiting now, and the
/// per-frame detection time (letterbox + inference + decode + NMS) and queue wait over recent frames.
/// </summary>
internal sealed record DetectorPoolStats(
    int Workers,
    long Completed,
    long Failed,
    long Cancelled,
    int Queued,
    double InferenceP50Ms,
    double InferenceP99Ms,
    double QueueWaitP50Ms,
    double QueueWaitP99Ms);
