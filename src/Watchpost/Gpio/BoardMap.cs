namespace Watchpost.Gpio;

/// <summary>A board's pin map from firmware-config/: which GPIO chip to open and the line of each header pin.</summary>
public sealed record BoardMap
{
    /// <summary>The name a site file's gpio.board uses.</summary>
    public required string Board { get; init; }

    public string Description { get; init; } = "";

    /// <summary>"libgpiod" (a Linux GPIO character device) or "none".</summary>
    public required string Driver { get; init; }

    /// <summary>The chip's number (/dev/gpiochipN) when no chip of <see cref="ChipLabel"/> is found.</summary>
    public int? Chip { get; init; }

    /// <summary>The chip's label (e.g. tegra234-gpio, ftdi-cbus), so a chip whose number changes (a USB adapter) is still found.</summary>
    public string? ChipLabel { get; init; }

    /// <summary>Whether the chip reports edges; without them inputs are polled every <see cref="PollMs"/>.</summary>
    public bool EdgeEvents { get; init; }

    public int PollMs { get; init; } = 10;

    public required IReadOnlyList<BoardPin> Pins { get; init; }

    /// <summary>What the machine needs besides its pins (power mode, udev rules, hardware decode, GPU libraries); null for a board without one.</summary>
    public BoardPlatform? Platform { get; init; }

    /// <summary>The pin a site file names: its number ("7") or the map's name for it ("GPIO09", "PAC.06"); null when the board has no such pin.</summary>
    public BoardPin? Find(string pin)
    {
        var text = pin.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Pins.FirstOrDefault(p => p.Pin == number);
        }

        return Pins.FirstOrDefault(p => p.Name.Equals(text, StringComparison.OrdinalIgnoreCase) || p.Soc.Equals(text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>For errors: the pins an installer may use.</summary>
    public string PinList => Pins.Count == 0 ? "none" : string.Join(", ", Pins.Select(p => $"{p.Pin} ({p.Name})"));
}
