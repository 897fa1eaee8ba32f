using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Loitering;

public sealed class LoiteringRuleOptions : RuleOptions
{
    public override string Type => "loitering";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\"")]
    public string Zone { get; set; } = "";

    /// <summary>How long one object must stay in the zone (moving or not) before it is loitering.</summary>
    public double DwellSeconds { get; set; } = 60;

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];

    public override void Validate(WatchpostOptions site, RuleErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!(DwellSeconds > 0) || DwellSeconds > 86400)
        {
            errors.Add("dwellSeconds", $"{DwellSeconds} is not a dwell time: give the seconds an object must stay, more than 0 and at most 86400 (for an alert on entry use an intrusion rule)");
        }
    }
}
