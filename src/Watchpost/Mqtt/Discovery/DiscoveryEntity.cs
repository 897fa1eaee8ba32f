namespace Watchpost.Mqtt.Discovery;

/// <summary>One discovery config with the topic it is retained on.</summary>
/// <param name="Component">binary_sensor, sensor or switch.</param>
public sealed record DiscoveryEntity(string Component, string ObjectId, string Topic, DiscoveryConfig Config);
