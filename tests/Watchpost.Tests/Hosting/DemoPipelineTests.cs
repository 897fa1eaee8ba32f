using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Watchpost.Behaviours.Geometry;
using Watchpost.Cli;
using Watchpost.Configuration;
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
        var login = DemoCommand.DemoLogin(data.Path);   // as `watchpost demo` does: user admin with a generated password
        WatchpostOptionsLoader.Validate(options, "the demo site");   // as `watchpost demo` does
        options.Cameras[0].Realtime = false; // as fast as the pipeline takes it; looped, so alerts keep coming
        await using var app = ApplianceHost.Build(options);
        await app.StartAsync();
        try
        {
            var broker = app.Services.GetRequiredService<EmbeddedMqttBroker>();
            await using var subscriber = await MqttTestSubscriber.ConnectAsync("127.0.0.1", broker.Port, "watchpost/demo/alerts", broker.Username, broker.Password);

            var alert = await subscriber.WaitForAsync(m => Field(m, "rule") == "plaza-intrusion", TimeSpan.FromSeconds(180));

            Assert.NotNull(alert);
            using var json = JsonDocument.Parse(alert.Payload);
            var root = json.RootElement;
            Assert.Equal(("demo", "plaza", "intrusion", "person"),
                (root.GetProperty("camera").GetString(), root.GetProperty("zone").GetString(), root.GetProperty("type").GetString(),
                 root.GetProperty("object").GetProperty("class").GetString()));
            Assert.True(root.GetProperty("details").GetProperty("duration_s").GetDouble() >= 2);

            // The object's ground point is inside the plaza, and the event is in the log.
            var box = root.GetProperty("object").GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.True(new Polygon(DemoSite.Plaza.Select(p => (p[0], p[1]))).Contains(box[0] + box[2] / 2, box[1] + box[3]),
                $"box [{string.Join(", ", box)}] stands outside the plaza");
            var eventId = root.GetProperty("event_id").GetString()!;
            var stored = await app.Services.GetRequiredService<IEventStore>().GetAsync(eventId);
            Assert.NotNull(stored);
            Assert.Equal(DateTimeKind.Utc, stored.StartedAt.Kind);

            // The alert's links work: the console serves the snapshot of the full frame and the event page.
            var password = login[(login.LastIndexOf(' ') + 1)..];
            using var http = await ConsoleLogin.LoggedInAsync(options.Console.Listen, "admin", password);
            var snapshot = await http.GetAsync(root.GetProperty("snapshot_url").GetString());
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
            using var image = Cv2.ImDecode(await snapshot.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
            Assert.Equal((768, 576), (image.Width, image.Height));
            // The event's page is the console's shell for the event view, which reads the event from the API.
            var page = await http.GetStringAsync(root.GetProperty("event_url").GetString());
            Assert.Contains("data-page=\"event\"", page, StringComparison.Ordinal);
            Assert.Contains(eventId, await http.GetStringAsync($"/api/events/{eventId}"), StringComparison.Ordinal);

            // The other rules of the demo fire too, each with its own details: the line both ways, entry, loitering, a group.
            foreach (var (rule, detail) in new[] { ("eastbound", "direction"), ("westbound", "direction"), ("crossing-enter", "zone"), ("walkway-loitering", "dwell_s"), ("walkway-gathering", "count") })
            {
                var other = await subscriber.WaitForAsync(m => Field(m, "rule") == rule, TimeSpan.FromSeconds(180));
                Assert.True(other is not null, $"no alert of rule {rule} in 180 s; rules seen: {string.Join(", ", subscriber.Received.Select(m => Field(m, "rule")).Distinct())}");
                using var otherJson = JsonDocument.Parse(other.Payload);
                Assert.True(otherJson.RootElement.GetProperty("details").TryGetProperty(detail, out _), $"alert of {rule} has no details.{detail}");
            }

            var camera = Assert.Single(app.Services.GetRequiredService<CameraSupervisor>().Status());
            Assert.True(camera.FramesProcessed > 0);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string? Field(ReceivedMessage message, string name)
    {
        using var json = JsonDocument.Parse(message.Payload);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
