namespace Watchpost.Cli;

/// <summary>`watchpost gpio list --json`: the board and each configured pin.</summary>
internal sealed record GpioListDocument
{
    public required string Board { get; init; }

    public required bool Enabled { get; init; }

    public string? OffReason { get; init; }

    public string? Chip { get; init; }

    public required IReadOnlyList<GpioListEntry> Pins { get; init; }
}
