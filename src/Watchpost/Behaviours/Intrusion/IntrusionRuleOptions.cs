using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Intrusion;

public sealed class IntrusionRuleOptions : RuleOptions
{
    public override string Type => "intrusion";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\"")]
    public string Zone { get; set; } = "";

    /// <summary>How long the object must be inside before the alert (0 = at once).</summary>
    [Range(0, 3600, ErrorMessage = "durationSeconds must be from 0 (alert at once) to 3600 seconds")]
    public double DurationSeconds { get; set; }

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];
}
