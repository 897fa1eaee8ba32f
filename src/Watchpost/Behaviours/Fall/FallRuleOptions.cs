using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Fall;

public sealed class FallRuleOptions : RuleOptions
{
    public override string Type => "fall";

    /// <summary>
    /// How long the person must stay down (lying, or out of the detector's sight where they went down) before the
    /// alert. The default fires about a second after the person reaches the ground, well within 1.5 s, and is longer
    /// than a deliberate bend to the floor usually lasts.
    /// </summary>
    [Range(0, 60, ErrorMessage = "durationSeconds must be between 0 and 60 (a fall is reported while the person is still down)")]
    public double DurationSeconds { get; set; } = 1.0;

    /// <summary>Optional: only falls whose ground point (where the person lies) is inside this zone.</summary>
    public string? Zone { get; set; }

    public override IEnumerable<(string Field, string Id)> ZoneReferences => Zone is null ? [] : [("zone", Zone)];
}
