namespace Watchpost.Gpio;

/// <summary>One power mode of a release: its nvpmodel id and name, and what it means.</summary>
public sealed record BoardPowerModeEntry
{
    public required string Release { get; init; }

    public required int Id { get; init; }

    public required string Name { get; init; }

    public string Note { get; init => field = value ?? ""; } = "";
}
