using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.ZoneEnter;

public sealed class ZoneEnterRuleOptions : RuleOptions
{
    public override string Type => "zone_enter";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\"")]
    public string Zone { get; set; } = "";

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];
}
