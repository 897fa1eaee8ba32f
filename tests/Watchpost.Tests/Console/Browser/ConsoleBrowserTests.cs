using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Console.Browser;

/// <summary>
/// The console in a real browser (Debian's chromium through Playwright) against the real appliance: the pipeline
/// runs YOLOX-Nano on the sample footage, so the alerts on the page are the ones its rules raised; acknowledging
/// one goes through the page's button to the database and MQTT; the editor's save reaches the running pipeline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleBrowserTests : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan FirstAlert = TimeSpan.FromSeconds(120);
    private readonly ApplianceFixture _appliance;
    private readonly BrowserFixture _browsers;
    private readonly ITestOutputHelper _output;

    public ConsoleBrowserTests(ApplianceFixture appliance, BrowserFixture browsers, ITestOutputHelper output)
    {
        _appliance = appliance;
        _browsers = browsers;
        _output = output;
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task A_guard_logs_in_through_the_form_and_lands_on_the_live_alerts_with_the_stream_open()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, user: null);
        await using var _ = context;
        await page.GotoAsync("/");
        Assert.EndsWith("/login?returnUrl=%2F", page.Url, StringComparison.Ordinal);

        await ApplianceFixture.LogInAsync(page, "operator");
        Assert.Equal(_appliance.Url + "/", page.Url);
        Assert.Equal("alerts", await page.Locator("body").GetAttributeAsync("data-page"));
        await Assertions.Expect(page.GetByTestId("stream-state")).ToHaveAttributeAsync("data-state", "open");
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task Without_a_session_pages_go_to_the_login_page_and_apis_answer_401()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, user: null);
        await using var _ = context;
        foreach (var path in new[] { "/", "/events", "/events/some-id", "/cameras", "/editor?camera=demo" })
        {
            await page.GotoAsync(path);
            Assert.True(page.Url.StartsWith(_appliance.Url + "/login?returnUrl=", StringComparison.Ordinal), $"{path} -> {page.Url}");
            await Assertions.Expect(page.Locator("input[name=password]")).ToBeVisibleAsync();
        }

        foreach (var api in new[] { "/api/session", "/api/events", "/api/events/some-id", "/api/cameras", "/api/stream", "/api/site/cameras/demo", "/api/cameras/demo/snapshot.jpg" })
        {
            var response = await context.APIRequest.GetAsync(api, new APIRequestContextOptions { MaxRedirects = 0 });
            Assert.True(response.Status == 401, $"{api}: {response.Status}");
        }
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task An_alert_the_pipeline_raises_on_the_footage_is_on_the_page_within_2_s_of_being_stored()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, "operator");
        await using var _ = context;
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("stream-state")).ToHaveAttributeAsync("data-state", "open");

        // The next alerts stored after the page is live (so they reach it through the stream, not the first load).
        var started = await NextStartedAsync(3, FirstAlert, TimeSpan.FromSeconds(20));
        Assert.NotEmpty(started);
        var delays = new List<double>();
        foreach (var change in started)
        {
            double? seen = null;
            await Poll.UntilAsync(async () => (seen = await page.EvaluateAsync<double?>("id => window.__probe.seen[id] ?? null", change.Event.Id)) is not null, TimeSpan.FromSeconds(10));
            Assert.True(seen is not null, $"alert {change.Event.Id} ({change.Event.RuleId}) stored at {change.At:O} never showed as a card");
            var delay = seen.Value - new DateTimeOffset(change.At, TimeSpan.Zero).ToUnixTimeMilliseconds();
            delays.Add(delay);
            _output.WriteLine(FormattableString.Invariant($"alert {change.Event.Id} rule {change.Event.RuleId}: stored {change.At:HH:mm:ss.fff}, card after {delay:0} ms"));
        }

        Assert.True(delays.Max() < 2000, $"store to card: {string.Join(", ", delays.Select(d => d.ToString("0", CultureInfo.InvariantCulture)))} ms");
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task Acknowledging_on_the_page_stores_the_operator_and_sends_the_lifecycle_message_on_mqtt()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, "operator");
        await using var _ = context;
        await using var mqtt = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, (await _appliance.StartAsync()).Broker.Port, $"watchpost/{ApplianceFixture.DeviceId}/events");
        await page.GotoAsync("/");
        var card = page.Locator("[data-testid=alert-card][data-state=new]").First;
        await Assertions.Expect(card).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)FirstAlert.TotalMilliseconds });
        var id = await card.GetAttributeAsync("data-event-id") ?? throw new InvalidOperationException("a card without data-event-id");
        var byId = page.Locator($"[data-testid=alert-card][data-event-id=\"{id}\"]");

        await byId.GetByTestId("ack").ClickAsync();

        SecurityEvent? stored = null;
        await Poll.UntilAsync(async () => (stored = await _appliance.Store.GetAsync(id))?.State == EventState.Acknowledged, TimeSpan.FromSeconds(5));
        Assert.Equal(EventState.Acknowledged, stored?.State);
        Assert.Equal("operator", stored!.AcknowledgedBy);
        Assert.NotNull(stored.AcknowledgedAt);
        var message = await mqtt.WaitForAsync(m => IsChange(m, id, "acknowledged"), TimeSpan.FromSeconds(10));
        Assert.True(message is not null, $"no acknowledged lifecycle message for {id}; got {mqtt.Received.Count} messages");
        using var json = JsonDocument.Parse(message.Payload);
        Assert.Equal("operator", json.RootElement.GetProperty("operator").GetString());
        Assert.Equal("console", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("acknowledged", json.RootElement.GetProperty("event").GetProperty("state").GetString());
        // The card stays (unresolved) but has nothing left to acknowledge.
        await Assertions.Expect(byId).ToHaveAttributeAsync("data-state", "acknowledged");
        await Assertions.Expect(byId.GetByTestId("ack")).ToBeHiddenAsync();
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task A_viewer_sees_the_alerts_without_action_buttons_and_a_forced_acknowledgement_gets_403()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, "viewer");
        await using var _ = context;
        await page.GotoAsync("/");
        var card = page.GetByTestId("alert-card").First;
        await Assertions.Expect(card).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)FirstAlert.TotalMilliseconds });
        foreach (var action in new[] { "ack", "note", "assign", "resolve" })
        {
            Assert.Equal(0, await page.GetByTestId(action).CountAsync());
        }

        var id = await card.GetAttributeAsync("data-event-id") ?? throw new InvalidOperationException("a card without data-event-id");
        var before = await _appliance.Store.GetAsync(id);
        // What a viewer could type into the browser's console: the page's own token, the ack endpoint.
        var status = await page.EvaluateAsync<int>("""
            async id => {
              const session = await (await fetch('/api/session')).json();
              const r = await fetch(`/api/events/${encodeURIComponent(id)}/ack`, {
                method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Watchpost-Csrf': session.csrf }, body: '{}' });
              return r.status;
            }
            """, id);
        Assert.Equal(403, status);
        var after = await _appliance.Store.GetAsync(id);
        Assert.Equal(before!.State, after!.State);
        Assert.Equal(before.AcknowledgedBy, after.AcknowledgedBy);
    }

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task The_zone_editor_saves_a_moved_corner_to_the_site_file_and_the_running_pipeline_uses_it()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, "admin");
        await using var _ = context;
        var site = _appliance.Services.GetRequiredService<IRunningSite>();
        float[] Corner() => site.Site.Zones.Single(z => z.Id == "plaza").Polygon[0];
        var before = Corner();

        await page.GotoAsync($"/editor?camera={ApplianceFixture.CameraId}");
        var svg = page.GetByTestId("editor-svg");
        await Assertions.Expect(svg).ToBeVisibleAsync();
        // Select the plaza in the shape list; its corners become handles: drag the first (300, 215 in camera pixels)
        // 40 px of the screen right and down.
        await page.Locator("[data-testid=editor-shape][data-kind=zones][data-id=plaza]").ClickAsync();
        var handle = svg.Locator("[data-testid=editor-vertex][data-kind=zones][data-vertex='0']");
        await Assertions.Expect(handle).ToBeVisibleAsync(); // BoundingBoxAsync does not wait for the handle to be drawn
        var box = await handle.BoundingBoxAsync() ?? throw new InvalidOperationException("the plaza's first corner has no box on the page");
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + 20, box.Y + (box.Height / 2) + 20, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + 40, box.Y + (box.Height / 2) + 40, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.GetByTestId("editor-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-message")).ToHaveAttributeAsync("data-result", "saved");

        await Poll.UntilAsync(() => Corner()[0] > before[0] + 5 && Corner()[1] > before[1] + 5, TimeSpan.FromSeconds(10),
            () => $"the running site's plaza corner is still {string.Join(", ", Corner())} (was {string.Join(", ", before)}); editor says: {page.GetByTestId("editor-message").TextContentAsync().Result}");
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(_appliance.SiteFilePath));
        var saved = file.RootElement.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("id").GetString() == "plaza")
            .GetProperty("polygon")[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(Corner(), saved);
        // The other zone and the rules were kept as they were.
        Assert.Equal(4, file.RootElement.GetProperty("rules").GetArrayLength());
        Assert.Contains(site.Site.Zones, z => z.Id == "crossing");
    }

    private static bool IsChange(ReceivedMessage message, string eventId, string change)
    {
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        return root.TryGetProperty("change", out var c) && c.GetString() == change
            && root.TryGetProperty("event", out var e) && e.GetProperty("id").GetString() == eventId;
    }

    /// <summary>Up to <paramref name="count"/> new events stored from now on: waits <paramref name="first"/> for one, then <paramref name="more"/> for the rest.</summary>
    private async Task<List<EventChange>> NextStartedAsync(int count, TimeSpan first, TimeSpan more)
    {
        var feed = (await _appliance.StartAsync()).Services.GetRequiredService<IEventFeed>();
        var found = new List<EventChange>();
        using var stop = new CancellationTokenSource(first);
        try
        {
            await foreach (var change in feed.SubscribeAsync(stop.Token))
            {
                if (change.Kind != EventChangeKind.Started)
                {
                    continue;
                }

                found.Add(change);
                if (found.Count == 1)
                {
                    stop.CancelAfter(more);
                }

                if (found.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return found;
    }
}
