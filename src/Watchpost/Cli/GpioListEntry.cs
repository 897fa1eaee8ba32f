namespace Watchpost.Cli;

/// <summary>One input or relay of `watchpost gpio list`; level and active are null while GPIO is off.</summary>
internal sealed record GpioListEntry
{
    /// <summary>"input" or "relay".</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The header pin number (-1 when the board has no such pin).</summary>
    public required int Pin { get; init; }

    public required string PinName { get; init; }

    /// <summary>The chip's line offset (-1 when the board has no such pin).</summary>
    public required int Line { get; init; }

    public required bool ActiveLow { get; init; }

    /// <summary>"high" or "low".</summary>
    public string? Level { get; init; }

    public bool? Active { get; init; }
}
