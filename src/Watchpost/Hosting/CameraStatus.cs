using Watchpost.Ingest;

namespace Watchpost.Hosting;

/// <summary>What the console, status topics and bench show of one camera.</summary>
public sealed record CameraStatus(
    string Id,
    string? Name,
    CameraState State,
    string? LastError,
    long FramesIn,
    long FramesProcessed,
    long FramesDropped,
    long Reconnects,
    int Tracks);
