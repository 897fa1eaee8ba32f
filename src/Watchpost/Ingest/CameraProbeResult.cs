namespace Watchpost.Ingest;

/// <summary>What a probe found. <see cref="Url"/> never holds the password.</summary>
/// <param name="Transport">The RTSP transport the verdict is about (the one that worked, or the last tried).</param>
/// <param name="Error">Why it failed, in one line (<see cref="Failure"/> explains it), or null.</param>
public sealed record CameraProbeResult(
    string Url, string Transport, bool Ok, int? Width, int? Height, TimeSpan? TimeToFirstFrame, string? Error, string? SnapshotPath)
{
    /// <summary>The video codec ("h264", "hevc"), when ffmpeg read the camera.</summary>
    public string? Codec { get; init; }

    /// <summary>The codec's profile ("Main", "Constrained Baseline"), when ffmpeg named one.</summary>
    public string? Profile { get; init; }

    /// <summary>Frames per second the stream declares, or as measured over a moment when it declares none.</summary>
    public double? Fps { get; init; }

    /// <summary>ffmpeg's whole description of the input video stream.</summary>
    public string? StreamDescription { get; init; }

    /// <summary>Why no frame came, in installer terms; null when <see cref="Ok"/>.</summary>
    public ProbeFailure? Failure { get; init; }

    /// <summary>What else the installer should know (TCP failed and UDP was used, say).</summary>
    public string? Note { get; init; }
}
