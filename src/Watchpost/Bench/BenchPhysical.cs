namespace Watchpost.Bench;

/// <summary><see cref="PhysicalCapacity"/> as reported.</summary>
public sealed record BenchPhysical(double InferenceCpuSPerFrame, double DecodeCpuSPerFrame, int Cores, double PerSecond);
