using System.Text.Json.Serialization;

namespace Watchpost.Bench;

/// <summary>The quiet scene's walk-ins over all cameras: how many, how many were detected, how many not within 1 s, and the delays.</summary>
/// <param name="WalkInDetectSP50">Median seconds from a walk-in's first frame to its first person detection (detected ones).</param>
public sealed record BenchWalkIns(
    int WalkIns,
    int Detected,
    [property: JsonPropertyName("missed_over_1s")] int MissedOver1S,
    [property: JsonPropertyName("walk_in_detect_s_p50")] double WalkInDetectSP50,
    [property: JsonPropertyName("walk_in_detect_s_max")] double WalkInDetectSMax);
