using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watchpost.Events;
using Watchpost.WebConsole.Live;
using Xunit.Abstractions;

namespace Watchpost.Tests.Console;

/// <summary>
/// GET /api/stream on a real Kestrel: a stored change reaches a console at once, a reconnecting console gets the
/// changes it missed or a reset when they are gone, and the stream ends with the host. The hub itself: a console
/// that does not read is dropped, and pings go out (its memory: <see cref="LiveChangesMemoryTests"/>).
/// </summary>
public sealed class ConsoleStreamTests(ITestOutputHelper output)
{
    private static readonly DateTime T0 = new(2026, 11, 30, 21, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_stored_change_arrives_within_a_second_a_reconnect_replays_after_its_last_id_and_a_lost_gap_gets_a_reset()
    {
        await using var host = await ConsoleTestHost.StartAsync();
        await host.AddEventAsync("ev-live-1", T0);
        await host.AddEventAsync("ev-live-2", T0.AddMinutes(1));
        using var viewer = await host.LogInAsync("viewer");
        using var guard = await host.PageClientAsync("guard");

        using (var stream = await SseReader.OpenAsync(viewer, "/api/stream"))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);
            var clock = Stopwatch.StartNew();
            using (var ack = await guard.PostAsJsonAsync(new Uri("/api/events/ev-live-1/ack", UriKind.Relative), new { note = "seen" }))
            {
                Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            }

            var change = await stream.NextAsync(Wait);
            var latency = clock.Elapsed;
            output.WriteLine($"ack -> change message: {latency.TotalMilliseconds:F0} ms (including the POST)");
            Assert.True(latency < TimeSpan.FromSeconds(1), $"the change took {latency.TotalMilliseconds:F0} ms");
            Assert.Equal("change", change!.Event);
            var data = JsonDocument.Parse(change.Data!).RootElement;
            Assert.Equal(("1", 1L), (change.Id, data.GetProperty("seq").GetInt64()));
            Assert.Equal(("acknowledged", "guard", "seen"), (data.GetProperty("kind").GetString(), data.GetProperty("operator").GetString(), data.GetProperty("note").GetString()));
            Assert.Equal(("ev-live-1", "acknowledged"), (data.GetProperty("event").GetProperty("id").GetString(), data.GetProperty("event").GetProperty("state").GetString()));

            Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-live-2/note", new { note = "two" }));
            Assert.Equal("2", (await stream.NextAsync(Wait))!.Id);
        }

        Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-live-2/resolve", new { }));

        // Reconnecting after 1: changes 2 and 3 first, in order, then live ones.
        using (var again = await SseReader.OpenAsync(viewer, "/api/stream", lastEventId: "1"))
        {
            Assert.Equal("2", (await again.NextAsync(Wait))!.Id);
            var third = (await again.NextAsync(Wait))!;
            Assert.Equal(("3", "resolved"), (third.Id, JsonDocument.Parse(third.Data!).RootElement.GetProperty("kind").GetString()));
            Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-live-1/note", new { note = "four" }));
            Assert.Equal("4", (await again.NextAsync(Wait))!.Id);
        }

        using (var after = await SseReader.OpenAsync(viewer, "/api/stream?after=3"))
        {
            Assert.Equal("4", (await after.NextAsync(Wait))!.Id);
        }

        // A number this process never gave (the appliance restarted since): reset with the current number.
        using (var restarted = await SseReader.OpenAsync(viewer, "/api/stream", lastEventId: "999999"))
        {
            var reset = (await restarted.NextAsync(Wait))!;
            Assert.Equal(("reset", "4"), (reset.Event, reset.Id));
            Assert.Equal(4, JsonDocument.Parse(reset.Data!).RootElement.GetProperty("seq").GetInt64());
        }

        Assert.Equal(HttpStatusCode.BadRequest, await ConsoleTestHost.StatusAsync(viewer, HttpMethod.Get, "/api/stream?after=-1"));
    }

    [Fact]
    public async Task A_gap_older_than_the_last_2000_changes_gets_a_reset_and_the_stream_ends_when_the_host_stops()
    {
        var host = await ConsoleTestHost.StartAsync();
        try
        {
            var stored = await host.AddEventAsync("ev-many", T0);
            var feed = host.App.Services.GetRequiredService<EventFeed>();
            var live = host.App.Services.GetRequiredService<LiveChanges>();
            const int Changes = LiveChanges.Capacity + 10;
            for (var i = 1; i <= Changes; i++)
            {
                feed.Publish(new EventChange(EventChangeKind.Updated, stored, T0.AddSeconds(i)));
                if (i % 500 == 0 || i == Changes)
                {
                    // The feed keeps 1,024 changes per subscriber: let the hub keep up, as it does with real events.
                    var expected = i;
                    Assert.True(await Support.Poll.UntilAsync(() => live.Seq == expected, Wait), $"seq {live.Seq}, expected {expected}");
                }
            }

            using var viewer = await host.LogInAsync("viewer");
            using (var lost = await SseReader.OpenAsync(viewer, "/api/stream", lastEventId: "5"))
            {
                var reset = (await lost.NextAsync(Wait))!;
                Assert.Equal(("reset", Changes.ToString(System.Globalization.CultureInfo.InvariantCulture)), (reset.Event, reset.Id));
            }

            using (var kept = await SseReader.OpenAsync(viewer, "/api/stream", lastEventId: "10"))
            {
                Assert.Equal("11", (await kept.NextAsync(Wait))!.Id);   // the oldest still kept
            }

            using var open = await SseReader.OpenAsync(viewer, $"/api/stream?after={Changes}");
            Assert.True(await Support.Poll.UntilAsync(() => live.Consoles == 1, Wait));
            var clock = Stopwatch.StartNew();
            var stopping = host.App.StopAsync();
            Assert.Null(await open.NextAsync(Wait));   // the response ends, it does not hang
            await stopping.WaitAsync(Wait);
            output.WriteLine($"host stopped with a console on the stream in {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_console_that_does_not_read_is_dropped_and_pings_go_out()
    {
        var feed = new EventFeed();
        var json = new JsonOptions();
        json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        using var live = new LiveChanges(feed, Options.Create(json), NullLogger<LiveChanges>.Instance) { PingInterval = TimeSpan.FromMilliseconds(100) };
        await live.StartAsync(CancellationToken.None);
        var e = Events.EventTestData.Event("ev-mem", T0);

        var idle = live.Subscribe(null);
        using (var cancel = new CancellationTokenSource(Wait))
        {
            Assert.Same(LiveFrame.Ping, await idle.Reader.ReadAsync(cancel.Token));
        }

        var slow = live.Subscribe(null);
        for (var i = 0; i <= LiveChanges.ClientQueue; i++)
        {
            live.Publish(new EventChange(EventChangeKind.Updated, e, T0));
        }

        Assert.True(slow.Overrun);
        Assert.True(idle.Overrun);
        Assert.Equal(0, live.Consoles);
        Assert.Equal(2, live.Dropped);

        await live.StopAsync(CancellationToken.None);
    }
}
