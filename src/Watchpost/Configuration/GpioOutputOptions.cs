using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

/// <summary>A relay (siren, strobe, door release), switched by the `relay` command and pulsed by rules.</summary>
public sealed class GpioOutputOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "gpio.outputs[].name must be 1-64 letters, digits, '-' or '_'")]
    public string Name { get; set; } = "";

    /// <summary>The header pin number ("12") or the board map's name for it.</summary>
    [Required(ErrorMessage = "gpio.outputs[].pin is required: a header pin number or the board map's name for it")]
    public string Pin { get; set; } = "";

    /// <summary>True when the relay board switches on at a low level (most opto-isolated relay boards).</summary>
    public bool ActiveLow { get; set; }

    /// <summary>The longest pulse allowed (a rule's or a command's).</summary>
    [Range(0.1, 86400, ErrorMessage = "gpio.outputs[].maxSeconds must be between 0.1 and 86400")]
    public double MaxSeconds { get; set; } = 300;

    /// <summary>Rules whose new events pulse this relay.</summary>
    [ValidateEnumeratedItems]
    public List<GpioRuleTriggerOptions> OnRules { get; set; } = [];
}
