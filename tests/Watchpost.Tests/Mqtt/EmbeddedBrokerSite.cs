using Watchpost.Configuration;

namespace Watchpost.Tests.Mqtt;

/// <summary>A site for tests of the embedded broker: device "test-box", prefix "watchpost", the given storage folder.</summary>
internal static class EmbeddedBrokerSite
{
    public const string DeviceId = AlertPipeline.DefaultDeviceId;

    public const string Root = "watchpost/" + DeviceId;

    public static WatchpostOptions Create(string storagePath, MqttOptions? mqtt = null) => new()
    {
        Site = new SiteOptions { DeviceId = DeviceId },
        Mqtt = mqtt ?? new MqttOptions { EmbeddedPort = 0 },
        Storage = new StorageOptions { Path = storagePath },
    };

    /// <summary>A controller "bms" and a viewer "screen" with passwords from the site file, and a generated controller "ops".</summary>
    public static MqttOptions WithUsers() => new()
    {
        EmbeddedPort = 0,
        Users =
        [
            new MqttUserOptions { Username = "bms", Role = "controller", Password = "bms-password-0123456789" },
            new MqttUserOptions { Username = "screen", Role = "viewer", Password = "screen-password-0123456789" },
            new MqttUserOptions { Username = "ops", Role = "controller" },
        ],
    };
}
