using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.Gathering;

public sealed class GatheringRuleOptions : RuleOptions
{
    public override string Type => "gathering";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\"")]
    public string Zone { get; set; } = "";

    /// <summary>How many distinct objects make a gathering (at least 2).</summary>
    public int Count { get; set; } = 3;

    /// <summary>How long at least <see cref="Count"/> objects must be inside together (0 = at once).</summary>
    public double DurationSeconds { get; set; } = 10;

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];

    public override void Validate(WatchpostOptions site, RuleErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Count < 2 || Count > 1000)
        {
            errors.Add("count", $"{Count} objects is not a gathering: give at least 2 (and at most 1000); for one object use a loitering or intrusion rule");
        }

        if (!(DurationSeconds >= 0) || DurationSeconds > 86400)
        {
            errors.Add("durationSeconds", $"{DurationSeconds} is not a duration: give the seconds the group must stay together, from 0 (at once) to 86400");
        }
    }
}
