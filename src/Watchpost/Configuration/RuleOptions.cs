using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class RuleOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "rule id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    /// <summary>The behaviour; this release implements "intrusion" (zone entry of a confirmed track).</summary>
    [Required, RegularExpression("^intrusion$", ErrorMessage = "rule type must be 'intrusion' (other behaviours come later)")]
    public string Type { get; set; } = "intrusion";

    [Required]
    public string Zone { get; set; } = "";

    public List<string> Classes { get; set; } = ["person"];

    /// <summary>How long the object must be inside before the alert (0 = at once).</summary>
    [Range(0, 3600)]
    public double DurationSeconds { get; set; }

    [RegularExpression("^(low|medium|high|critical)$", ErrorMessage = "severity must be low, medium, high or critical")]
    public string Severity { get; set; } = "high";

    /// <summary>The same track does not raise this rule again within this time.</summary>
    [Range(0, 86400)]
    public double CooldownSeconds { get; set; } = 60;
}
