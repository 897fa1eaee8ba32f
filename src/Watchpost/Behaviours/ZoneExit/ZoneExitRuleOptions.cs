using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.ZoneExit;

public sealed class ZoneExitRuleOptions : RuleOptions
{
    public override string Type => "zone_exit";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\"")]
    public string Zone { get; set; } = "";

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];
}
