using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Console.Browser;

/// <summary>
/// Issue 7 item 9: a burst of 20 alerts a second for a minute into the event log (through the real recorder, so
/// they reach the page through the feed and the stream like real ones) while a guard has the alert page open.
/// Measured in the browser: store-to-card delay, the longest main-thread stall, and how fast a click on a card's
/// button is answered during the burst. The figures are in docs/performance.md ("Console under load").
/// This test runs about 70 s on purpose: the issue asks for a minute of burst.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLoadTests : IClassFixture<EmptyApplianceFixture>
{
    private const double PerSecond = 20;
    private static readonly TimeSpan Burst = TimeSpan.FromSeconds(60);
    private readonly EmptyApplianceFixture _appliance;
    private readonly BrowserFixture _browsers;
    private readonly ITestOutputHelper _output;

    public ConsoleLoadTests(EmptyApplianceFixture appliance, BrowserFixture browsers, ITestOutputHelper output)
    {
        _appliance = appliance;
        _browsers = browsers;
        _output = output;
    }

    [ChromiumFact("models/yolox_nano.onnx")]
    public async Task A_burst_of_20_alerts_a_second_for_a_minute_keeps_the_alert_page_responsive()
    {
        var (context, page) = await _appliance.OpenAsync(_browsers, "operator");
        await using var _ = context;
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("stream-state")).ToHaveAttributeAsync("data-state", "open");

        var services = _appliance.Services;
        var stored = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var listening = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in services.GetRequiredService<IEventFeed>().SubscribeAsync(stop.Token))
                {
                    if (change.Kind == EventChangeKind.Started)
                    {
                        stored[change.Event.Id] = change.At;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        // The page at rest first: its frame rate says how much CPU the machine leaves the browser.
        await page.EvaluateAsync("() => window.__probe.reset()");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idleFrames = await page.EvaluateAsync<int>("() => window.__probe.frames");
        await page.EvaluateAsync("() => window.__probe.reset()");

        var burst = AlertBurst.RunAsync(services.GetRequiredService<EventRecorder>(), PerSecond, Burst);
        var clickWall = new List<double>();
        var ackRoundTrip = new List<double>();
        while (!burst.IsCompleted)
        {
            await Task.WhenAny(burst, Task.Delay(TimeSpan.FromSeconds(3)));
            if (burst.IsCompleted)
            {
                break;
            }

            // A guard acknowledges the newest alert in the middle of the burst.
            var card = page.Locator("[data-testid=alert-card][data-state=new]").First;
            var id = await card.GetAttributeAsync("data-event-id");
            if (id is null)
            {
                continue;
            }

            // A click event dispatched on the button rather than a mouse click: new cards push the button down every
            // frame, so a mouse click (even forced) can find it scrolled out of the viewport. What is measured is the
            // page's answer to the click, which is the same.
            var clock = Stopwatch.StartNew();
            await page.Locator($"[data-testid=alert-card][data-event-id=\"{id}\"]").GetByTestId("ack").DispatchEventAsync("click");
            clickWall.Add(clock.Elapsed.TotalMilliseconds);
            if (await Poll.UntilAsync(async () => (await _appliance.Store.GetAsync(id))?.State == EventState.Acknowledged, TimeSpan.FromSeconds(10)))
            {
                ackRoundTrip.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var sent = await burst;
        // The last alert of the burst reaches the page, then the probe is read.
        await Poll.UntilAsync(() => stored.Count >= sent, TimeSpan.FromSeconds(30), () => $"{stored.Count} of {sent} alerts stored");
        var last = stored.MaxBy(s => s.Value).Key;
        await Poll.UntilAsync(async () => await page.EvaluateAsync<bool>("id => id in window.__probe.seen", last), TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await listening;

        using var probe = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__probe)"));
        var root = probe.RootElement;
        var seen = root.GetProperty("seen").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
        var delays = stored.Where(s => seen.ContainsKey(s.Key))
            .Select(s => seen[s.Key] - new DateTimeOffset(s.Value, TimeSpan.Zero).ToUnixTimeMilliseconds()).ToList();
        var maxGap = root.GetProperty("maxGap").GetDouble();
        var longTasks = root.GetProperty("longTasks").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var clicks = root.GetProperty("clicks").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var frames = root.GetProperty("frames").GetInt32();

        var report = string.Join('\n',
            FormattableString.Invariant($"at rest before the burst: {idleFrames / 3.0:0} frames a second"),
            FormattableString.Invariant($"burst: {sent} alerts at {PerSecond}/s for {Burst.TotalSeconds:0} s; stored {stored.Count}; cards seen {delays.Count}"),
            FormattableString.Invariant($"store to card: p50 {Percentiles.Of(delays, 50):0} ms, p99 {Percentiles.Of(delays, 99):0} ms, max {delays.DefaultIfEmpty().Max():0} ms"),
            FormattableString.Invariant($"main thread: longest frame gap {maxGap:0} ms, {frames} frames ({frames / Burst.TotalSeconds:0} fps), long tasks {longTasks.Count} (longest {longTasks.DefaultIfEmpty().Max():0} ms, total {longTasks.Sum():0} ms)"),
            FormattableString.Invariant($"click on ack: input to next frame p50 {Percentiles.Of(clicks, 50):0} ms, max {clicks.DefaultIfEmpty().Max():0} ms ({clicks.Count} clicks); Playwright click {Percentiles.Of(clickWall, 50):0} ms p50, max {clickWall.DefaultIfEmpty().Max():0} ms; click to stored acknowledgement p50 {Percentiles.Of(ackRoundTrip, 50):0} ms, max {ackRoundTrip.DefaultIfEmpty().Max():0} ms"));
        _output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "console-load.txt"), report + "\n");

        // Generous bounds: the page must stay usable on a 2-core machine that also runs the appliance, not fast.
        // Measured there (docs/performance.md, "Console under load"): stalls up to 1.7 s and clicks answered within
        // 1.3 s, so these bounds catch a page that freezes (several seconds), not one that is merely slow; the
        // issue's goal of no stall over 1 s is not met yet and the figures say so.
        Assert.True(delays.Count >= 0.95 * sent, report);
        Assert.True(Percentiles.Of(delays, 99) < 5000, report);
        Assert.True(maxGap < 2500, report);
        Assert.NotEmpty(clicks);
        Assert.True(clicks.Max() < 2500, report);
        Assert.True(ackRoundTrip.Count >= clickWall.Count - 1 && ackRoundTrip.Count > 0, report);
        Assert.True(Percentiles.Of(ackRoundTrip, 50) < 1500, report);
    }
}
