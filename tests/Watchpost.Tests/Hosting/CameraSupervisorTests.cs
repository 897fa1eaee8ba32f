using Microsoft.Extensions.DependencyInjection;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

public sealed class CameraSupervisorTests
{
    [Fact]
    public async Task Cameras_with_bad_urls_are_reported_failed_while_the_good_camera_keeps_running()
    {
        using var data = new TempFolder();
        var options = Site(data,
        [
            new CameraOptions { Id = "good", Url = TestAssets.Video, Realtime = false, Loop = true },
            new CameraOptions { Id = "scheme", Url = "ftp://10.0.0.9/stream" },
            new CameraOptions { Id = "missing", Url = "/nonexistent/clip.mp4" },
            new CameraOptions { Id = "refused", Url = $"rtsp://127.0.0.1:{FreePort.Tcp()}/stream", Transport = "tcp" },
        ]);
        await using var app = ApplianceHost.Build(options);
        await app.StartAsync();
        try
        {
            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            CameraStatus Camera(string id) => supervisor.Status().Single(c => c.Id == id);

            Assert.True(await Poll.UntilAsync(() => Camera("good").FramesProcessed >= 20 && Camera("refused").LastError is not null, TimeSpan.FromSeconds(60)),
                $"status: {string.Join("; ", supervisor.Status())}");

            Assert.Equal(CameraState.Failed, Camera("scheme").State);
            Assert.Contains("ftp", Camera("scheme").LastError);
            Assert.Equal(CameraState.Failed, Camera("missing").State);
            Assert.Contains("/nonexistent/clip.mp4", Camera("missing").LastError);
            Assert.Equal(CameraState.Reconnecting, Camera("refused").State);
            Assert.Contains("refused", Camera("refused").LastError, StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual(CameraState.Failed, Camera("good").State);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_camera_whose_zone_lies_outside_its_frames_stops_with_the_reason_and_the_others_go_on()
    {
        using var data = new TempFolder();
        var options = Site(data,
            [
                new CameraOptions { Id = "good", Url = TestAssets.Video, Realtime = false, Loop = true },
                new CameraOptions { Id = "small", Url = TestAssets.Video, Realtime = false, Loop = true },
            ],
            // vtest.avi is 768x576: this zone was drawn for a 1920x1080 camera.
            zones: [new ZoneOptions { Id = "far", Camera = "small", Polygon = [[1000, 600], [1900, 600], [1900, 1000]] }],
            rules: [new Watchpost.Behaviours.Intrusion.IntrusionRuleOptions { Id = "far-intrusion", Zone = "far" }]);
        await using var app = ApplianceHost.Build(options);
        await app.StartAsync();
        try
        {
            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            CameraStatus Camera(string id) => supervisor.Status().Single(c => c.Id == id);

            Assert.True(await Poll.UntilAsync(() => Camera("small").State == CameraState.Failed && Camera("good").FramesProcessed >= 20, TimeSpan.FromSeconds(60)),
                $"status: {string.Join("; ", supervisor.Status())}");
            Assert.Contains("zone 'far': point 0 [1000, 600] is outside the 768x576 frame", Camera("small").LastError, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>A validated site with the embedded broker and the console on free ports, data in <paramref name="data"/>.</summary>
    private static WatchpostOptions Site(TempFolder data, List<CameraOptions> cameras, List<ZoneOptions>? zones = null, List<RuleOptions>? rules = null)
    {
        var options = new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "test" },
            Cameras = cameras,
            Zones = zones ?? [],
            Rules = rules ?? [],
            Mqtt = new MqttOptions { EmbeddedPort = 0 },
            Storage = new StorageOptions { Path = data.Path },
            Console = new ConsoleOptions { Listen = "http://127.0.0.1:0" },
        };
        WatchpostOptionsLoader.Validate(options, "test site");
        return options;
    }
}
