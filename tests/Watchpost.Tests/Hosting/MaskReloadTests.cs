using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

/// <summary>A privacy mask added to the site file and reloaded: in force on the running camera, which is not restarted.</summary>
public sealed class MaskReloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_reloaded_mask_blurs_the_running_cameras_pictures_without_restarting_it()
    {
        var file = _folder.File("watchpost.json");
        WriteSite(file, masks: "[]");
        var options = WatchpostOptionsLoader.Load(file);
        await using var app = ApplianceHost.Build(options, new SiteFile(file));
        await app.StartAsync();
        try
        {
            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            var snapshots = app.Services.GetRequiredService<CameraSnapshots>();
            CameraStatus Status() => supervisor.Status().Single();
            Assert.True(await Poll.UntilAsync(() => Status().FramesProcessed >= 5, TimeSpan.FromSeconds(60)), Status().ToString());
            var inside = new Rect(40, 30, 200, 100);
            using (var before = await FrameAsync(snapshots))
            {
                Assert.True(PrivacyMaskTests.Detail(before, inside) > 8, "the windows are sharp before the mask");
            }

            var polygon = JsonSerializer.Serialize(PrivacyMaskTests.Window);
            WriteSite(file, masks: $$"""[{ "id": "windows", "camera": "yard", "polygon": {{polygon}} }]""");
            var framesIn = Status().FramesIn;
            var result = await app.Services.GetRequiredService<SiteReloader>().ReloadAsync("test", CancellationToken.None);

            Assert.Equal(["windows"], result.Diff.Masks.Added);
            Assert.Empty(result.Diff.RestartNeeded);
            Assert.Equal("masks replaced", result.Cameras["yard"]);
            Assert.Contains("masks added windows", SiteReloader.Summary(result), StringComparison.Ordinal);
            Assert.Single(supervisor.Site.Masks);
            using (var after = await FrameAsync(snapshots))
            {
                var detail = PrivacyMaskTests.Detail(after, inside);
                Assert.True(detail < 2, $"detail under the reloaded mask: {detail:F2}");
                Assert.True(PrivacyMaskTests.MeanDifference(after, EventTestData.FootageFrame, new Rect(300, 0, 250, 90)) < 8, "outside the mask the picture is as filmed");
            }

            // Not restarted: the same source went on counting its frames.
            Assert.True(Status().FramesIn > framesIn);
            Assert.Equal(0, Status().Reconnects);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<Mat> FrameAsync(CameraSnapshots snapshots)
    {
        var jpeg = await snapshots.CaptureAsync("yard", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(jpeg);
        return Cv2.ImDecode(jpeg, ImreadModes.Color);
    }

    private void WriteSite(string file, string masks) => File.WriteAllText(file, $$"""
        {
          "site": { "deviceId": "mask-reload" },
          "cameras": [{ "id": "yard", "url": {{JsonSerializer.Serialize(TestAssets.Video)}}, "loop": true, "realtime": false, "detectFps": 5 }],
          "masks": {{masks}},
          "mqtt": { "embeddedPort": 0 },
          "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
          "console": { "listen": "http://127.0.0.1:0" }
        }
        """);
}
