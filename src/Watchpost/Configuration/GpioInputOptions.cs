using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>A door contact, tamper switch or panic button: each change becomes an event and a retained state.</summary>
public sealed class GpioInputOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "gpio.inputs[].name must be 1-64 letters, digits, '-' or '_'")]
    public string Name { get; set; } = "";

    /// <summary>The header pin number ("7") or the board map's name for it ("GPIO09", "PAC.06").</summary>
    [Required(ErrorMessage = "gpio.inputs[].pin is required: a header pin number or the board map's name for it")]
    public string Pin { get; set; } = "";

    [Required, RegularExpression("^(door|tamper|panic)$", ErrorMessage = "gpio.inputs[].kind must be door, tamper or panic")]
    public string Kind { get; set; } = "door";

    /// <summary>True when the pin reads low while the input is active (a button or contact that pulls the line to ground).</summary>
    public bool ActiveLow { get; set; } = true;

    /// <summary>The level must hold this long before a change counts (contacts bounce).</summary>
    [Range(0, 10000, ErrorMessage = "gpio.inputs[].debounceMs must be between 0 and 10000")]
    public int DebounceMs { get; set; } = 50;

    /// <summary>The line's bias: up, down or none (an external resistor; the Jetson header has none by default).</summary>
    [RegularExpression("^(up|down|none)$", ErrorMessage = "gpio.inputs[].pull must be up, down or none")]
    public string Pull { get; set; } = "none";

    [RegularExpression("^(low|medium|high|critical)$", ErrorMessage = "gpio.inputs[].severity must be low, medium, high or critical")]
    public string Severity { get; set; } = "high";

    /// <summary>The camera the input's events belong to (e.g. the one facing the door); null = "gpio".</summary>
    public string? Camera { get; set; }
}
