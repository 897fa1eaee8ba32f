namespace Watchpost.Gpio;

/// <summary>A variant of a board (CPU only, with an NVIDIA GPU): the detector.providers to use and what to install.</summary>
public sealed record BoardVariant
{
    public required string Name { get; init; }

    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>detector.providers for this variant, e.g. ["tensorrt", "cuda", "cpu"].</summary>
    public required IReadOnlyList<string> Providers { get; init; }

    /// <summary>apt packages to install.</summary>
    public IReadOnlyList<string> Packages { get; init => field = value ?? []; } = [];

    public string Note { get; init => field = value ?? ""; } = "";
}
