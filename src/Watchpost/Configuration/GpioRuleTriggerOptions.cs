using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>When an event of <see cref="Rule"/> starts, the relay is on for <see cref="Seconds"/>.</summary>
public sealed class GpioRuleTriggerOptions
{
    /// <summary>A rule id of the "rules" section, or "gpio:&lt;input name&gt;" for an input's events.</summary>
    [Required(ErrorMessage = "gpio.outputs[].onRules[].rule is required")]
    public string Rule { get; set; } = "";

    [Range(0.1, 86400, ErrorMessage = "gpio.outputs[].onRules[].seconds must be between 0.1 and 86400")]
    public double Seconds { get; set; } = 10;
}
