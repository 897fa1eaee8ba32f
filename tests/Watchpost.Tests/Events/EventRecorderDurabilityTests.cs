using System.Collections.Concurrent;
using System.Diagnostics;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>Store first, snapshot after: an event and its alert are on disk before its snapshot is even rendered.</summary>
public sealed class EventRecorderDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_event_and_its_alert_are_stored_before_the_snapshot_is_rendered()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var renderer = new GatedSnapshotRenderer();
        await using var recorder = EventTestData.Recorder(store, _log, renderer: renderer);
        await recorder.StartAsync(CancellationToken.None);
        const string id = "0190aaaabbbbccccddddeeeeffff0002";

        Assert.True(recorder.TryRecord(EventTestData.Candidate() with { EventId = id }));
        Assert.True(await Poll.UntilAsync(() => renderer.Waiting == 1, Timeout), "the snapshot was never rendered");

        // The renderer is held: yet the event (naming its snapshot) and its alert are already in the file.
        var stored = await store.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal($"snapshots/{id}.jpg", stored.SnapshotId);
        Assert.Null(await store.OpenSnapshotAsync(id));
        var alert = Assert.Single(await store.ListPendingAsync(10));
        Assert.Equal(id, alert.EventId);
        Assert.Equal(1, recorder.Recorded);

        renderer.Open();
        Assert.True(await Poll.UntilAsync(async () => await store.OpenSnapshotAsync(id) is { Length: > 10_000 }, Timeout), "snapshot not attached");
        Assert.Equal(0, recorder.SnapshotsDropped);
        _log.AssertNoErrors();
    }

    /// <summary>Measures TryRecord to committed (published on the feed right after the commit) over a burst with real frames.</summary>
    [Fact]
    public async Task A_burst_is_on_disk_well_within_200_ms_of_each_rule_firing()
    {
        const int burst = 50;
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var feed = new EventFeed();
        await using var recorder = EventTestData.Recorder(store, _log, feed, new EventRecorderSettings { MaxQueuedFrames = 64 });
        await recorder.StartAsync(CancellationToken.None);

        // Warm-up (JIT, LiteDB, OpenCV) so that the burst measured is the steady state.
        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 999)));
        Assert.True(await Poll.UntilAsync(async () => await store.ListRecentAsync(1) is [{ } e] && await store.OpenSnapshotAsync(e.Id) is not null, Timeout));

        var clock = Stopwatch.StartNew();
        var handedOver = new ConcurrentDictionary<int, TimeSpan>();
        var committed = new ConcurrentDictionary<int, TimeSpan>();
        using var cancel = new CancellationTokenSource(Timeout);
        var watching = WatchAsync(feed, clock, committed, burst, cancel.Token);
        var candidates = Enumerable.Range(0, burst).Select(i => EventTestData.Candidate(trackId: i, camera: $"cam-{i % 8}")).ToList();
        foreach (var candidate in candidates)
        {
            handedOver[candidate.TrackId!.Value] = clock.Elapsed;
            Assert.True(recorder.TryRecord(candidate));
        }

        await watching;
        var latencies = Enumerable.Range(0, burst).Select(i => (committed[i] - handedOver[i]).TotalMilliseconds).Order().ToList();
        Assert.True(await Poll.UntilAsync(async () => (await Task.WhenAll((await store.ListRecentAsync(burst + 1)).Select(e => store.OpenSnapshotAsync(e.Id)))).All(s => s is not null), Timeout),
            "snapshots not attached");
        var allSnapshots = clock.Elapsed;
        output.WriteLine($"burst of {burst} (768x576 frames): TryRecord to committed p50 {latencies[burst / 2]:F1} ms, p99 {latencies[(int)(burst * 0.99)]:F1} ms, max {latencies[^1]:F1} ms; every snapshot attached after {allSnapshots.TotalMilliseconds:F0} ms");
        Assert.Equal(burst + 1, recorder.Recorded);
        Assert.Equal(0, recorder.SnapshotsDropped);
        _log.AssertNoErrors();
    }

    private static async Task WatchAsync(EventFeed feed, Stopwatch clock, ConcurrentDictionary<int, TimeSpan> committed, int expected, CancellationToken cancellationToken)
    {
        await foreach (var change in feed.SubscribeAsync(cancellationToken))
        {
            if (change.Kind == EventChangeKind.Started && change.Event.TrackId is { } track && track < expected)
            {
                committed[track] = clock.Elapsed;
                if (committed.Count == expected)
                {
                    return;
                }
            }
        }
    }
}
