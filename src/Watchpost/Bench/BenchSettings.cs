namespace Watchpost.Bench;

public sealed record BenchSettings
{
    public required int Cameras { get; init; }

    /// <summary>A video file (looped) or a network stream URL; with <see cref="Rtsp"/> the footage bench makes its clips from.</summary>
    public required string Source { get; init; }

    public required double Seconds { get; init; }

    public double CeilingSeconds { get; init; } = 5;

    /// <summary>How long the bare inference loop runs for <see cref="PhysicalCapacity"/>.</summary>
    public double PhysicalSeconds { get; init; } = 3;

    public string Model { get; init; } = "yolox-nano";

    public string? ModelPath { get; init; }

    /// <summary>Detector workers; 0 = one per core.</summary>
    public int Workers { get; init; }

    public string Transport { get; init; } = "tcp";

    /// <summary>Each camera's detectFps; 0 = every frame. Above 0, file cameras play at their own rate, as live cameras would.</summary>
    public double DetectFps { get; init; }

    /// <summary>Serve every camera its own live stream from bench's own RTSP server (rtsp-server-perl, UDP).</summary>
    public bool Rtsp { get; init; }

    /// <summary>The quiet scene (the footage's empty background with walk-ins) instead of the footage; implies <see cref="Rtsp"/>.</summary>
    public bool QuietScene { get; init; }

    /// <summary>Measure the peer designs after the pipeline.</summary>
    public bool Peers { get; init; }

    /// <summary>ffmpeg's -hwaccel for decoding (cuda, vaapi, qsv), or null.</summary>
    public string? Hwaccel { get; init; }

    /// <summary>Every camera's motion gate on (its default thresholds): the detector runs on motion, tracks and re-checks only.</summary>
    public bool Motion { get; init; }

    /// <summary>detector.overload.reduceIngest off: every camera's ffmpeg keeps its detect rate however overloaded the detector (the baseline).</summary>
    public bool KeepIngest { get; init; }
}
