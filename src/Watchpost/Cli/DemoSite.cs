using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>The site `watchpost demo` runs: the sample footage as one looped camera with a zone over its walkway.</summary>
public static class DemoSite
{
    public const string CameraId = "demo";

    /// <summary>The paved walkway of vtest.avi (768x576): the plaza and the road up to the car park.</summary>
    public static readonly float[][] Walkway =
        [[0, 185], [300, 180], [600, 130], [768, 100], [768, 480], [560, 400], [420, 320], [300, 280], [0, 235]];

    public static WatchpostOptions Create(string videoPath, string dataFolder, int consolePort) => new()
    {
        Site = new SiteOptions { DeviceId = "demo", Name = "Watchpost demo" },
        Cameras = [new CameraOptions { Id = CameraId, Name = "Sample footage (PETS 2009 S2.L1)", Url = videoPath, Loop = true, Realtime = true }],
        Zones = [new ZoneOptions { Id = "walkway", Camera = CameraId, Polygon = [.. Walkway] }],
        Rules =
        [
            new IntrusionRuleOptions
            {
                Id = "walkway-intrusion", Zone = "walkway", Classes = ["person"],
                DurationSeconds = 1, Severity = "medium", CooldownSeconds = 30,
            },
        ],
        // Any free port; `watchpost demo` asks for 1883 when it is free.
        Mqtt = new MqttOptions { Broker = null, EmbeddedPort = 0, EmbeddedListen = "127.0.0.1" },
        Storage = new StorageOptions { Path = dataFolder },
        Console = new ConsoleOptions { Listen = $"http://127.0.0.1:{consolePort}" },
    };
}
