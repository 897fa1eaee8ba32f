using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// The parameters every rule has. Each rule type derives its own options class from this one (under
/// Behaviours/, next to the rule) with the parameters only it takes; the loader binds each entry of "rules" to
/// the class its "type" names, so a parameter of another type is an unknown key.
/// </summary>
public abstract class RuleOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "rule id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    /// <summary>The behaviour (the key of the rule catalogue); fixed by the options class.</summary>
    public abstract string Type { get; }

    /// <summary>The camera; may be left out when the rule's zone or line names it.</summary>
    public string? Camera { get; set; }

    /// <summary>COCO class names the rule watches.</summary>
    [MinLength(1, ErrorMessage = "classes needs at least one COCO class name")]
    public List<string> Classes { get; set; } = ["person"];

    /// <summary>Smallest box height in pixels that counts (smaller objects are too far to judge).</summary>
    [Range(0, 10000)]
    public double? MinSize { get; set; }

    /// <summary>Largest box height in pixels that counts.</summary>
    [Range(0, 10000)]
    public double? MaxSize { get; set; }

    /// <summary>Weekly windows in the site's time zone when the rule is armed; none = always (checked by RuleValidator).</summary>
    public List<ScheduleWindowOptions> Schedule { get; set; } = [];

    [RegularExpression("^(low|medium|high|critical)$", ErrorMessage = "severity must be low, medium, high or critical")]
    public string Severity { get; set; } = "high";

    /// <summary>The same object (or, for a group rule, the rule) does not raise this rule again within this time.</summary>
    [Range(0, 86400)]
    public double CooldownSeconds { get; set; } = 60;

    public bool Enabled { get; set; } = true;

    /// <summary>The zones the rule reads, by the field that names them (for "camera" and reference checks).</summary>
    public virtual IEnumerable<(string Field, string Id)> ZoneReferences => [];

    /// <summary>The lines the rule reads, by the field that names them.</summary>
    public virtual IEnumerable<(string Field, string Id)> LineReferences => [];

    /// <summary>Checks of this type's parameters that data annotations cannot express; report each with the field.</summary>
    public virtual void Validate(WatchpostOptions site, RuleErrors errors)
    {
    }
}
