using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Watchpost.Behaviours.Geometry;
using Watchpost.Cli;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

/// <summary>The whole appliance as `watchpost demo` composes it: real model, real footage, embedded broker, LiteDB, console.</summary>
public sealed class DemoPipelineTests
{
    [Fact]
    public async Task The_demo_site_raises_alerts_on_the_sample_footage_that_a_subscriber_receives_and_the_console_serves()
    {
        using var data = new TempFolder();
        var options = DemoSite.Create(TestAssets.Video, data.Path, FreePort.Tcp());
        options.Cameras[0].Realtime = false; // as fast as the pipeline takes it; looped, so alerts keep coming
        await using var app = ApplianceHost.Build(options);
        await app.StartAsync();
        try
        {
            var broker = app.Services.GetRequiredService<EmbeddedMqttBroker>();
            await using var subscriber = await MqttTestSubscriber.ConnectAsync("127.0.0.1", broker.Port, "watchpost/demo/alerts", broker.Username, broker.Password);

            var alert = await subscriber.WaitForAsync(_ => true, TimeSpan.FromSeconds(120));

            Assert.NotNull(alert);
            using var json = JsonDocument.Parse(alert.Payload);
            var root = json.RootElement;
            Assert.Equal(("demo", "walkway", "intrusion", "person"),
                (root.GetProperty("camera").GetString(), root.GetProperty("zone").GetString(), root.GetProperty("type").GetString(),
                 root.GetProperty("object").GetProperty("class").GetString()));

            // The object's ground point is inside the walkway, and the event is in the log.
            var box = root.GetProperty("object").GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.True(new Polygon(DemoSite.Walkway.Select(p => (p[0], p[1]))).Contains(box[0] + box[2] / 2, box[1] + box[3]),
                $"box [{string.Join(", ", box)}] stands outside the walkway");
            var eventId = root.GetProperty("event_id").GetString()!;
            var stored = await app.Services.GetRequiredService<IEventStore>().GetAsync(eventId);
            Assert.NotNull(stored);
            Assert.Equal(DateTimeKind.Utc, stored.StartedAt.Kind);

            // The alert's links work: the console serves the snapshot of the full frame and the event page.
            using var http = new HttpClient();
            var snapshot = await http.GetAsync(root.GetProperty("snapshot_url").GetString());
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
            using var image = Cv2.ImDecode(await snapshot.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
            Assert.Equal((768, 576), (image.Width, image.Height));
            var page = await http.GetStringAsync(root.GetProperty("event_url").GetString());
            Assert.Contains(eventId, page);

            var camera = Assert.Single(app.Services.GetRequiredService<CameraSupervisor>().Status());
            Assert.True(camera.FramesProcessed > 0);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
