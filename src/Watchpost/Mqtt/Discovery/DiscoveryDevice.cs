namespace Watchpost.Mqtt.Discovery;

/// <summary>The box as one Home Assistant device; every entity of it names the same identifiers.</summary>
public sealed record DiscoveryDevice(IReadOnlyList<string> Identifiers, string Name, string Manufacturer, string Model, string SwVersion, string? ConfigurationUrl);
