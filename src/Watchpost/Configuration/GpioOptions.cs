using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

/// <summary>The "gpio" section: the board's pin map, inputs that become events and relays driven by rules and commands.</summary>
public sealed class GpioOptions
{
    /// <summary>The pin map in firmware-config/ (jetson-orin-nano, jetson-orin-nx, nuc-ft232h or none).</summary>
    public string Board { get; set; } = "none";

    /// <summary>The GPIO chip to open instead of the map's: its number ("0") or name ("gpiochip1"); null = the map's.</summary>
    public string? Chip { get; set; }

    [ValidateEnumeratedItems]
    public List<GpioInputOptions> Inputs { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<GpioOutputOptions> Outputs { get; set; } = [];
}
