using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.WebConsole.Api;

/// <summary>One camera as GET /api/cameras shows it: its state, frame rate and counters, and its rules' arming.</summary>
public sealed record CameraView(
    string Id,
    string? Name,
    CameraState State,
    double Fps,
    long FramesIn,
    long FramesProcessed,
    long FramesDropped,
    long Reconnects,
    string? LastError,
    int Tracks,
    IReadOnlyList<RuleStateView> Rules,
    double DetectPerSecond,
    double? DetectTarget,
    double Shortfall,
    double? DecodeCpuCores,
    double? IngestFps)
{
    public static CameraView From(CameraStatus status, IReadOnlyList<RuleStateView> rules)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.Id, status.Name, status.State, status.Fps, status.FramesIn, status.FramesProcessed, status.FramesDropped,
            status.Reconnects, status.LastError, status.Tracks, rules, status.DetectPerSecond, status.DetectTarget, status.Shortfall, status.DecodeCpuCores,
            status.IngestFps);
    }
}
