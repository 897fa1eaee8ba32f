using Watchpost.Behaviours.Gathering;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.Loitering;
using Watchpost.Behaviours.Running;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>
/// The site `watchpost demo` runs: the sample footage as one looped camera with the zones and lines of
/// docs/eval/vtest-rules.json and a rule of most kinds on them, so that line crossings both ways, zone entries,
/// intrusions, loitering and gathering all fire within the first two minutes.
/// </summary>
public static class DemoSite
{
    public const string CameraId = "demo";

    /// <summary>The paved walkway of vtest.avi (768x576): the plaza and the road up to the car park.</summary>
    public static readonly float[][] Walkway =
        [[0, 185], [300, 180], [600, 130], [768, 100], [768, 480], [560, 400], [420, 320], [300, 280], [0, 235]];

    /// <summary>The open ground around the lamp post, mid-frame.</summary>
    public static readonly float[][] Plaza = [[300, 215], [560, 195], [620, 330], [430, 335], [300, 290]];

    /// <summary>Where the paths cross, right of the lamp post.</summary>
    public static readonly float[][] Crossing = [[470, 200], [650, 180], [690, 300], [500, 330]];

    public static WatchpostOptions Create(string videoPath, string dataFolder, int consolePort) => new()
    {
        Site = new SiteOptions { DeviceId = "demo", Name = "Watchpost demo" },
        Cameras = [new CameraOptions { Id = CameraId, Name = "Sample footage (PETS 2009 S2.L1)", Url = videoPath, Loop = true, Realtime = true }],
        Zones =
        [
            new ZoneOptions { Id = "walkway", Camera = CameraId, Polygon = [.. Walkway] },
            new ZoneOptions { Id = "plaza", Camera = CameraId, Polygon = [.. Plaza] },
            new ZoneOptions { Id = "crossing", Camera = CameraId, Polygon = [.. Crossing] },
        ],
        Lines =
        [
            new LineOptions { Id = "east-gate", Camera = CameraId, From = [560, 150], To = [560, 430] },
            new LineOptions { Id = "west-gate", Camera = CameraId, From = [250, 170], To = [250, 330] },
        ],
        Rules =
        [
            new LineCrossingRuleOptions { Id = "eastbound", Line = "east-gate", Direction = LineCrossingRuleOptions.AToB, Severity = "low", CooldownSeconds = 0 },
            new LineCrossingRuleOptions { Id = "westbound", Line = "west-gate", Direction = LineCrossingRuleOptions.BToA, Severity = "low", CooldownSeconds = 0 },
            new IntrusionRuleOptions { Id = "plaza-intrusion", Zone = "plaza", DurationSeconds = 2, Severity = "high", CooldownSeconds = 30 },
            new ZoneEnterRuleOptions { Id = "crossing-enter", Zone = "crossing", Severity = "low", CooldownSeconds = 30 },
            new LoiteringRuleOptions { Id = "walkway-loitering", Zone = "walkway", DwellSeconds = 20, Severity = "medium", CooldownSeconds = 60 },
            new GatheringRuleOptions { Id = "walkway-gathering", Zone = "walkway", Count = 4, DurationSeconds = 2, Severity = "medium", CooldownSeconds = 30 },
            new RunningRuleOptions { Id = "running", Camera = CameraId, SpeedPxPerSecond = 170, DurationSeconds = 1, Severity = "medium", CooldownSeconds = 30 },
        ],
        // Any free port; `watchpost demo` asks for 1883 when it is free.
        Mqtt = new MqttOptions { Broker = null, EmbeddedPort = 0, EmbeddedListen = "127.0.0.1" },
        Storage = new StorageOptions { Path = dataFolder },
        Console = new ConsoleOptions { Listen = $"http://127.0.0.1:{consolePort}" },
    };
}
