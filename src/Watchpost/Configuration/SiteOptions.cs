using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class SiteOptions
{
    /// <summary>Names this box in MQTT topics (`watchpost/&lt;deviceId&gt;/...`).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "site.deviceId must be 1-64 letters, digits, '-' or '_' (it becomes an MQTT topic level)")]
    public string DeviceId { get; set; } = "watchpost";

    public string Name { get; set; } = "Watchpost";

    public string TimeZone { get; set; } = "UTC";

    /// <summary>The console's language until an operator picks another: "en" or "zh-CN".</summary>
    [RegularExpression("^(en|zh-CN)$", ErrorMessage = "site.language must be 'en' or 'zh-CN'")]
    public string Language { get; set; } = "en";
}
