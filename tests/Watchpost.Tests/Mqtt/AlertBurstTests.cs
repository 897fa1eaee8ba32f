using System.Diagnostics;
using System.Text.Json;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>Many rules firing at once (several cameras, dozens of new tracks): every event is stored and every alert arrives, in order.</summary>
public sealed class AlertBurstTests(ITestOutputHelper output)
{
    private const int BurstSize = 50;
    private const int WarmUp = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly RecordingLog _log = new(output);

    [Fact]
    public async Task A_burst_of_candidates_is_all_stored_and_every_alert_arrives_in_order()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts");
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Connection.IsConnected, Timeout));

        // Warm-up (JIT, OpenCV, LiteDB file storage): a small burst first, so that the one measured is the steady state.
        for (var i = 0; i < WarmUp; i++)
        {
            Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: 1000 + i)));
        }

        Assert.True(await Poll.UntilAsync(() => subscriber.Received.Count == WarmUp && pipeline.Latency.Count == WarmUp, Timeout), "warm-up alerts did not arrive");

        // Frames cloned beforehand, so the burst is handed over as fast as rules fire; the frame time is the hand-over.
        var candidates = Enumerable.Range(0, BurstSize).Select(i => EventTestData.Candidate(trackId: i, camera: $"cam-{i % 8}")).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var candidate in candidates)
        {
            Assert.True(pipeline.Recorder.TryRecord(candidate with { FrameReceivedAt = DateTimeOffset.UtcNow }));   // the copy owns the frame now
        }

        Assert.True(await Poll.UntilAsync(() => subscriber.Received.Count >= WarmUp + BurstSize, Timeout), $"{subscriber.Received.Count - WarmUp} of {BurstSize} alerts arrived");
        var elapsed = clock.Elapsed;

        // Alerts leave the outbox in the order the candidates were handed over, each once, each with its stored event.
        var alerts = subscriber.Received.Skip(WarmUp).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, BurstSize), alerts.Select(a => a.GetProperty("object").GetProperty("track_id").GetInt32()));
        var events = (await pipeline.Store.ListRecentAsync(BurstSize * 2)).Where(e => e.TrackId < 1000).ToList();
        Assert.Equal(BurstSize, events.Count);
        Assert.Equal(events.Select(e => e.Id).ToHashSet(), alerts.Select(a => a.GetProperty("event_id").GetString()!).ToHashSet());
        // Beyond MaxQueuedFrames a burst keeps its events but gives up their snapshots (by design): the rest have theirs.
        Assert.Equal(BurstSize - pipeline.Recorder.SnapshotsDropped, events.Count(e => e.SnapshotId is not null));
        foreach (var withSnapshot in events.Where(e => e.SnapshotId is not null))
        {
            // Stored first, snapshot attached after: the alert can arrive before its snapshot.
            Assert.True(await Poll.UntilAsync(async () => await pipeline.Store.OpenSnapshotAsync(withSnapshot.Id) is { Length: > 10_000 }, Timeout),
                $"snapshot of event {withSnapshot.Id} missing");
        }
        Assert.Equal(WarmUp + BurstSize, pipeline.Recorder.Recorded);
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.ListPendingAsync(10)).Count == 0, Timeout), "outbox not emptied");
        Assert.Equal(WarmUp + BurstSize, pipeline.Sender.Delivered);
        Assert.True(await Poll.UntilAsync(() => pipeline.Latency.Count == WarmUp + BurstSize, Timeout), $"latency of {pipeline.Latency.Count} alerts measured");
        output.WriteLine($"burst of {BurstSize}: all alerts received after {elapsed.TotalMilliseconds:F0} ms; frame-to-alert latency (with the {WarmUp} warm-up alerts) {pipeline.Latency}; snapshots dropped {pipeline.Recorder.SnapshotsDropped}");
        _log.AssertNoErrors();
    }
}
