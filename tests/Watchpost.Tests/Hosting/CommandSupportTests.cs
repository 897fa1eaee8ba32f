using OpenCvSharp;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Tests.Hosting;

/// <summary>What the `snapshot` and `reload` commands stand on: the frame tap and the site diff.</summary>
public sealed class CommandSupportTests
{
    [Fact]
    public async Task A_frame_tap_encodes_the_next_offered_frame_for_every_caller_waiting_and_nothing_without_one()
    {
        var tap = new FrameTap();
        using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(0, 0, 255));
        tap.Offer(frame);   // nobody asked: nothing encoded, nothing pending

        var first = tap.NextJpegAsync(CancellationToken.None);
        var second = tap.NextJpegAsync(CancellationToken.None);
        Assert.False(first.IsCompleted);
        tap.Offer(frame);
        var jpeg = await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(jpeg, await second.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));

        var snapshots = new CameraSnapshots();
        Assert.Null(await snapshots.CaptureAsync("gate", TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void The_site_diff_names_what_changed_per_list_and_the_sections_that_need_a_restart()
    {
        static WatchpostOptions Site(double duration, string listen) => new()
        {
            Cameras = [new CameraOptions { Id = "gate", Url = "/dev/null" }, new CameraOptions { Id = "back", Url = "/dev/null" }],
            Zones = [new ZoneOptions { Id = "lawn", Camera = "gate", Polygon = [[0, 0], [9, 0], [9, 9]] }],
            Rules = [new IntrusionRuleOptions { Id = "lawn-intrusion", Zone = "lawn", DurationSeconds = duration }],
            Console = new ConsoleOptions { Listen = listen },
        };

        var before = Site(0, "http://0.0.0.0:8080");
        var after = Site(5, "http://0.0.0.0:9090");
        after.Cameras.RemoveAt(1);
        after.Cameras.Add(new CameraOptions { Id = "side", Url = "/dev/null" });
        var diff = SiteDiff.Between(before, after);

        Assert.Equal(["side"], diff.Cameras.Added);
        Assert.Equal(["back"], diff.Cameras.Removed);
        Assert.Equal(["lawn-intrusion"], diff.Rules.Changed);
        Assert.False(diff.Zones.Any);
        Assert.Equal(["console"], diff.RestartNeeded);
        Assert.NotEqual(SiteDiff.CameraRules(before, "gate"), SiteDiff.CameraRules(after, "gate"));
        Assert.Equal("http://0.0.0.0:8080", SiteDiff.LiveParts(before, after).Console.Listen);
        Assert.False(SiteDiff.Between(before, Site(0, "http://0.0.0.0:8080")).Any);
    }
}
