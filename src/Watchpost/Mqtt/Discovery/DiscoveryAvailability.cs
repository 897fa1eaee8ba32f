namespace Watchpost.Mqtt.Discovery;

/// <summary>Where Home Assistant learns that the box is up: our retained availability topic.</summary>
public sealed record DiscoveryAvailability(string Topic, string PayloadAvailable = "online", string PayloadNotAvailable = "offline");
