using Microsoft.Extensions.DependencyInjection;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

/// <summary>A reloaded site put in force on running cameras (what `reload` does after validating the file).</summary>
public sealed class SiteReloadSupervisorTests
{
    [Fact]
    public async Task New_rules_go_into_the_running_camera_and_an_added_camera_starts_and_a_removed_one_stops()
    {
        using var data = new TempFolder();
        var before = Site(data, [Camera("good")]);
        await using var app = ApplianceHost.Build(before);
        await app.StartAsync();
        try
        {
            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            CameraStatus? Status(string id) => supervisor.Status().SingleOrDefault(c => c.Id == id);
            await Poll.UntilAsync(() => Status("good")!.FramesProcessed >= 5, TimeSpan.FromSeconds(60), () => string.Join("; ", supervisor.Status()));

            // vtest.avi is 768x576: a zone outside it is refused and nothing changes.
            var outside = Site(data, [Camera("good")], [new ZoneOptions { Id = "far", Camera = "good", Polygon = [[1000, 600], [1900, 600], [1900, 1000]] }]);
            var refused = await Assert.ThrowsAsync<InvalidConfigurationException>(() => supervisor.ApplyAsync(outside, CancellationToken.None));
            Assert.Contains("zone 'far'", refused.Message, StringComparison.Ordinal);
            Assert.Same(before, supervisor.Site);

            var next = Site(data, [Camera("good"), Camera("second")], [new ZoneOptions { Id = "walkway", Camera = "good", Polygon = [[0, 0], [700, 0], [700, 500]] }]);
            var framesBefore = Status("good")!.FramesIn;
            var done = await supervisor.ApplyAsync(next, CancellationToken.None);
            Assert.Equal("rules replaced", done["good"]);
            Assert.Equal("started", done["second"]);
            await Poll.UntilAsync(() => Status("second")!.FramesProcessed >= 5, TimeSpan.FromSeconds(60), () => string.Join("; ", supervisor.Status()));
            // The running camera was not restarted: its source (and its frame count) went on from where it was.
            Assert.True(Status("good")!.FramesIn > framesBefore);

            var done2 = await supervisor.ApplyAsync(Site(data, [Camera("good")]), CancellationToken.None);
            Assert.Equal("stopped", done2["second"]);
            Assert.Equal("rules replaced", done2["good"]);
            Assert.Null(Status("second"));
            Assert.NotEqual(CameraState.Failed, Status("good")!.State);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static CameraOptions Camera(string id) => new() { Id = id, Url = TestAssets.Video, Realtime = false, Loop = true, DetectFps = 5 };

    private static WatchpostOptions Site(TempFolder data, List<CameraOptions> cameras, List<ZoneOptions>? zones = null)
    {
        var options = new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "test" },
            Cameras = cameras,
            Zones = zones ?? [],
            Rules = zones is { Count: > 0 } ? [new IntrusionRuleOptions { Id = zones[0].Id + "-intrusion", Zone = zones[0].Id }] : [],
            Mqtt = new MqttOptions { EmbeddedPort = 0 },
            Storage = new StorageOptions { Path = data.Path },
            Console = new ConsoleOptions { Listen = "http://127.0.0.1:0" },
        };
        WatchpostOptionsLoader.Validate(options, "test site");
        return options;
    }
}
