namespace Watchpost.Configuration;

/// <summary>The whole site file (/etc/watchpost/watchpost.json). Each property is one top-level section.</summary>
public sealed class WatchpostOptions
{
    public SiteOptions Site { get; set; } = new();
    public DetectorOptions Detector { get; set; } = new();
    public List<CameraOptions> Cameras { get; set; } = [];
    public List<ZoneOptions> Zones { get; set; } = [];
    public List<LineOptions> Lines { get; set; } = [];
    public List<RuleOptions> Rules { get; set; } = [];
    public MqttOptions Mqtt { get; set; } = new();
    public StorageOptions Storage { get; set; } = new();
    public ConsoleOptions Console { get; set; } = new();
}
