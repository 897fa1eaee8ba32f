namespace Watchpost.Bench;

/// <summary>Frames per second a <see cref="DetectorPool"/> sustained with frames always waiting, and its per-frame detection time.</summary>
internal sealed record PoolBenchmarkResult(int Workers, int InFlight, double PerSecond, double DetectP50Ms, double DetectP99Ms);
