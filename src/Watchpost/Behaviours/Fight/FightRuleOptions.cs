using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Fight;

public sealed class FightRuleOptions : RuleOptions
{
    public override string Type => "fight";

    /// <summary>How long the violent motion must last (its mean over this window is what is judged).</summary>
    [Range(0.2, 60, ErrorMessage = "durationSeconds must be between 0.2 and 60 (a fight is judged on the motion of at least a few frames)")]
    public double DurationSeconds { get; set; } = 1;

    /// <summary>
    /// 0-1: 0.5 is the tuned default; each 0.25 above halves the motion needed, each 0.25 below doubles it
    /// (see <see cref="FightRule.ThresholdFor"/>).
    /// </summary>
    [Range(0, 1, ErrorMessage = "sensitivity must be between 0 (least sensitive) and 1 (most sensitive)")]
    public double Sensitivity { get; set; } = 0.5;

    /// <summary>Optional: only people whose ground point is inside this zone take part.</summary>
    public string? Zone { get; set; }

    public override IEnumerable<(string Field, string Id)> ZoneReferences => Zone is { Length: > 0 } zone ? [("zone", zone)] : [];
}
