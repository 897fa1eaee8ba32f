using System.ComponentModel.DataAnnotations;
using Watchpost.Behaviours.Objects;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.LeftObject;

public sealed class LeftObjectRuleOptions : RuleOptions
{
    /// <summary>The objects people carry and may leave behind (COCO names).</summary>
    public static readonly string[] DefaultClasses = ["backpack", "handbag", "suitcase"];

    public LeftObjectRuleOptions() => Classes = [.. DefaultClasses];

    public override string Type => "left_object";

    /// <summary>Only objects whose ground point is in this zone count; none = the whole frame.</summary>
    public string? Zone { get; set; }

    /// <summary>How long the object must stay, still and away from its owner, before the alert (left-luggage practice: 30-60 s).</summary>
    [Range(0, 3600)]
    public double DurationSeconds { get; set; } = 30;

    public override IEnumerable<(string Field, string Id)> ZoneReferences => string.IsNullOrEmpty(Zone) ? [] : [("zone", Zone)];

    public override void Validate(WatchpostOptions site, RuleErrors errors) =>
        ObjectRules.ValidateClasses(this, site, errors, "to find the owner of an object");
}
