using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// One weekly window when a rule is armed, in the site's time zone: <c>{"days": "mon-fri", "from": "22:00", "to": "06:00"}</c>.
/// A window whose "to" is not after "from" runs past midnight into the next day.
/// </summary>
public sealed class ScheduleWindowOptions
{
    /// <summary>Days the window starts on: "mon-fri", "sat,sun", "daily", "mon,wed-fri".</summary>
    [Required]
    public string Days { get; set; } = "daily";

    /// <summary>Start, "HH:mm" (24 h).</summary>
    [Required, RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$", ErrorMessage = "from must be HH:mm (00:00 to 23:59)")]
    public string From { get; set; } = "00:00";

    /// <summary>End, "HH:mm"; "24:00" is the end of the day.</summary>
    [Required, RegularExpression("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", ErrorMessage = "to must be HH:mm (00:00 to 24:00)")]
    public string To { get; set; } = "24:00";
}
