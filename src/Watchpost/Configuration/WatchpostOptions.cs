using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

/// <summary>The whole site file (/etc/watchpost/watchpost.json). Each property is one top-level section.</summary>
public sealed class WatchpostOptions
{
    [ValidateObjectMembers]
    public SiteOptions Site { get; set; } = new();

    [ValidateObjectMembers]
    public DetectorOptions Detector { get; set; } = new();

    [ValidateEnumeratedItems]
    public List<CameraOptions> Cameras { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<ZoneOptions> Zones { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<LineOptions> Lines { get; set; } = [];

    [ValidateEnumeratedItems]
    public List<RuleOptions> Rules { get; set; } = [];

    [ValidateObjectMembers]
    public MqttOptions Mqtt { get; set; } = new();

    [ValidateObjectMembers]
    public StorageOptions Storage { get; set; } = new();

    [ValidateObjectMembers]
    public ConsoleOptions Console { get; set; } = new();
}
