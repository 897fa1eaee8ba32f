using Watchpost.Behaviours;
using Watchpost.Ingest;

namespace Watchpost.Hosting;

/// <summary>What the console, status topics and bench show of one camera.</summary>
/// <param name="Occupancy">Each of the camera's zones with how many objects are in it now, by class.</param>
public sealed record CameraStatus(
    string Id,
    string? Name,
    CameraState State,
    string? LastError,
    long FramesIn,
    long FramesProcessed,
    long FramesDropped,
    long Reconnects,
    int Tracks,
    IReadOnlyList<ZoneCount> Occupancy)
{
    /// <summary>Frames read per second over the last few seconds (0 until the camera has run two seconds).</summary>
    public double Fps { get; init; }

    /// <summary>Frames detected (and tracked and checked by the rules) per second over the last few seconds.</summary>
    public double DetectPerSecond { get; init; }

    /// <summary>The detect rate the camera asks for (its detectFps); null when it asks for every frame.</summary>
    public double? DetectTarget { get; init; }

    /// <summary>
    /// The share of the frames offered for detection that the box could not take over the last few seconds
    /// (0 = it keeps up): overload shows here per camera.
    /// </summary>
    public double Shortfall { get; init; }

    /// <summary>Cores the camera's ffmpeg uses to decode (apart from the service's own CPU); null when decoding runs in-process.</summary>
    public double? DecodeCpuCores { get; init; }

    /// <summary>Frames the motion gate kept from the detector (0 with the gate off).</summary>
    public long FramesGated { get; init; }

    /// <summary>The rate the reader is lowered to while the detector is overloaded (see IngestGovernor); null at the camera's own rate.</summary>
    public double? IngestFps { get; init; }
}
