using Watchpost.Behaviours.Gathering;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.Loitering;
using Watchpost.Behaviours.Running;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli;

/// <summary>
/// The site `watchpost demo` runs: the sample footage as one looped camera with the zones and lines of
/// docs/eval/vtest-rules.json and a rule of most kinds on them, so that line crossings both ways, zone entries,
/// intrusions, loitering and gathering all fire within the first two minutes.
/// </summary>
public static class DemoSite
{
    public const string CameraId = "demo";

    /// <summary>The site file the demo runs from, in its data folder, so that the console's editor has a file to save to.</summary>
    public const string FileName = "demo-site.json";

    /// <summary>The paved walkway of vtest.avi (768x576): the plaza and the road up to the car park.</summary>
    public static readonly float[][] Walkway =
        [[0, 185], [300, 180], [600, 130], [768, 100], [768, 480], [560, 400], [420, 320], [300, 280], [0, 235]];

    /// <summary>The open ground around the lamp post, mid-frame.</summary>
    public static readonly float[][] Plaza = [[300, 215], [560, 195], [620, 330], [430, 335], [300, 290]];

    /// <summary>Where the paths cross, right of the lamp post.</summary>
    public static readonly float[][] Crossing = [[470, 200], [650, 180], [690, 300], [500, 330]];

    /// <summary>
    /// The demo's site file in <paramref name="dataFolder"/>: written from <see cref="Create"/> when absent, else the
    /// one an earlier demo wrote (with the edits made in the console since). Its console and broker ports are set to
    /// what <paramref name="port"/> finds free (the usual ones when they are) and its camera to
    /// <paramref name="videoPath"/>; then it is loaded as `watchpost run` loads a site file.
    /// </summary>
    /// <param name="port">The port to use given the one wanted (the demo takes another when it is busy).</param>
    /// <returns>The site, its file, and whether the file was written now.</returns>
    /// <exception cref="InvalidConfigurationException">The kept file does not load (the message says how to start again).</exception>
    public static async Task<(WatchpostOptions Site, string Path, bool Written)> PrepareAsync(string videoPath, string dataFolder, Func<int, int> port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(port);
        var path = System.IO.Path.Combine(dataFolder, FileName);
        var written = !File.Exists(path);
        if (written)
        {
            var site = Create(videoPath, dataFolder, port(8080));
            site.Mqtt.EmbeddedPort = port(1883);
            await SiteFileEditor.WriteNewAsync(path, SiteFileJson.ToJson(site), cancellationToken);
        }

        var editor = new SiteFileEditor(path);
        WatchpostOptions options;
        try
        {
            options = editor.Load();
        }
        catch (InvalidConfigurationException e)
        {
            throw new InvalidConfigurationException(path, $"{SiteFileEditor.Problem(e)}{Environment.NewLine}  (this is the site an earlier demo wrote; fix it, or delete it and the demo writes the sample site again)");
        }

        var listen = new Uri(options.Console.Listen);
        var consolePort = port(listen.Port);
        var mqttPort = port(options.Mqtt.EmbeddedPort);
        var camera = options.Cameras.FirstOrDefault(c => c.Id == CameraId);
        if (consolePort != listen.Port || mqttPort != options.Mqtt.EmbeddedPort || (camera is not null && camera.Url != videoPath))
        {
            // Only what this start needs; the zones, lines, masks and rules stay as they were edited.
            options = await editor.EditAsync(
                root =>
                {
                    root["console"] ??= new System.Text.Json.Nodes.JsonObject();
                    root["console"]!["listen"] = $"{listen.Scheme}://{listen.Host}:{consolePort}";
                    root["mqtt"] ??= new System.Text.Json.Nodes.JsonObject();
                    root["mqtt"]!["embeddedPort"] = mqttPort;
                    if (camera is not null && root["cameras"] is System.Text.Json.Nodes.JsonArray cameras
                        && cameras.OfType<System.Text.Json.Nodes.JsonObject>().FirstOrDefault(c => (string?)c["id"] == CameraId) is { } entry)
                    {
                        entry["url"] = videoPath;
                    }
                },
                null,
                null,
                cancellationToken);
        }

        return (options, path, written);
    }

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
