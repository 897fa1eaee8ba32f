using System.ComponentModel.DataAnnotations;
using Watchpost.Configuration;

namespace Watchpost.Behaviours.LineCrossing;

public sealed class LineCrossingRuleOptions : RuleOptions
{
    public const string AToB = "a_to_b";
    public const string BToA = "b_to_a";
    public const string Both = "both";

    public override string Type => "line_crossing";

    [Required(ErrorMessage = "line is required: the id of a line in \"lines\"")]
    public string Line { get; set; } = "";

    /// <summary>
    /// Which crossings count: a_to_b, b_to_a or both. Side a is where cross(to − from, p − from) &gt; 0 in image
    /// coordinates (x right, y down): on the right looking from the line's "from" towards its "to".
    /// </summary>
    public string Direction { get; set; } = Both;

    public override IEnumerable<(string Field, string Id)> LineReferences => [("line", Line)];

    public override void Validate(WatchpostOptions site, RuleErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Direction is not (AToB or BToA or Both))
        {
            errors.Add("direction", $"'{Direction}' is not a direction: write \"a_to_b\", \"b_to_a\" or \"both\" (side a is on the right looking from the line's \"from\" towards its \"to\")");
        }
    }
}
