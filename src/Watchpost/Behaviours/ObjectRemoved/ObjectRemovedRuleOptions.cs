using System.ComponentModel.DataAnnotations;
using Watchpost.Behaviours.Objects;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.ObjectRemoved;

public sealed class ObjectRemovedRuleOptions : RuleOptions
{
    /// <summary>Objects that stand somewhere and may be taken (COCO names): bags, and the two-wheelers and cars parked in a yard.</summary>
    public static readonly string[] DefaultClasses = ["backpack", "handbag", "suitcase", "bicycle", "motorcycle", "car"];

    public ObjectRemovedRuleOptions() => Classes = [.. DefaultClasses];

    public override string Type => "object_removed";

    [Required(ErrorMessage = "zone is required: the id of a zone in \"zones\" around the objects to guard")]
    public string Zone { get; set; } = "";

    /// <summary>How long the object's place must stay empty (and not hidden by a person) before the alert.</summary>
    [Range(0, 3600)]
    public double DurationSeconds { get; set; } = 5;

    /// <summary>How long an object must have stood still in its place to count as part of the scene.</summary>
    [Range(1, 86400)]
    public double PresentSeconds { get; set; } = 10;

    public override IEnumerable<(string Field, string Id)> ZoneReferences => [("zone", Zone)];

    public override void Validate(WatchpostOptions site, RuleErrors errors) =>
        ObjectRules.ValidateClasses(this, site, errors, "to tell an object hidden behind a person from one taken away");
}
