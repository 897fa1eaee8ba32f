namespace Watchpost.Bench;

public sealed record BenchSettings
{
    public required int Cameras { get; init; }

    /// <summary>A video file (looped, read as fast as the pipeline takes it) or a network stream URL.</summary>
    public required string Source { get; init; }

    public required double Seconds { get; init; }

    public double CeilingSeconds { get; init; } = 5;

    public string Model { get; init; } = "yolox-nano";

    public string? ModelPath { get; init; }

    /// <summary>Detector workers; 0 = one per core.</summary>
    public int Workers { get; init; }

    public string Transport { get; init; } = "tcp";
}
