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

    /// <summary>Privacy masks, blurred in stored snapshots and live views.</summary>
    [ValidateEnumeratedItems]
    public List<MaskOptions> Masks { get; set; } = [];

    /// <summary>Each entry is bound to its type's options class and checked by <see cref="RuleValidator"/>, which sees the derived class's annotations too.</summary>
#pragma warning disable SYSLIB1213 // the source-generated validator would check only the base class
    public List<RuleOptions> Rules { get; set; } = [];
#pragma warning restore SYSLIB1213

    [ValidateObjectMembers]
    public MqttOptions Mqtt { get; set; } = new();

    [ValidateObjectMembers]
    public StorageOptions Storage { get; set; } = new();

    [ValidateObjectMembers]
    public ConsoleOptions Console { get; set; } = new();

    [ValidateObjectMembers]
    public GpioOptions Gpio { get; set; } = new();
}
