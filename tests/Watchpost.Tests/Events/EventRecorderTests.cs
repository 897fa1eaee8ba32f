using Xunit.Abstractions;
using System.Diagnostics;
using OpenCvSharp;
using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

public sealed class EventRecorderTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryRecord_returns_at_once_while_the_store_is_blocked()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var gated = new GatedEventStore(store);
        var feed = new EventFeed();
        using var cancel = new CancellationTokenSource(Timeout);
        var published = CountStartsAsync(feed, 20, cancel.Token);
        await using var recorder = EventTestData.Recorder(gated, _log, feed);
        await recorder.StartAsync(CancellationToken.None);

        var candidates = Enumerable.Range(0, 20).Select(i => EventTestData.Candidate(trackId: i)).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var candidate in candidates)
        {
            Assert.True(recorder.TryRecord(candidate));
        }

        var elapsed = clock.Elapsed;
        output.WriteLine($"20 TryRecord calls took {elapsed.TotalMilliseconds:F2} ms while the store was blocked");
        Assert.True(await Poll.UntilAsync(() => gated.Waiting == 1, Timeout));
        Assert.Equal(0, recorder.Recorded);   // nothing could be stored yet, yet every call returned
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"TryRecord blocked: {elapsed}");

        gated.Open();
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 20, Timeout), $"recorded {recorder.Recorded} of 20");
        var events = await store.ListRecentAsync(100);
        Assert.Equal(Enumerable.Range(0, 20).ToHashSet(), events.Select(e => e.TrackId ?? -1).ToHashSet());
        Assert.All(events, e => Assert.NotNull(e.SnapshotId));
        Assert.Equal(20, (await store.ListPendingAsync(100)).Count);
        Assert.Equal(20, await published);   // each stored event published once on the feed
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_burst_beyond_the_frame_limit_keeps_every_event_and_drops_only_snapshots()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var gated = new GatedEventStore(store);
        await using var recorder = EventTestData.Recorder(gated, _log, settings: new EventRecorderSettings { MaxQueuedFrames = 2 });
        await recorder.StartAsync(CancellationToken.None);

        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 0)));
        Assert.True(await Poll.UntilAsync(() => gated.Waiting == 1, Timeout));   // the loop holds #0 (and its frame) at the gate
        var late = new List<EventCandidate>();
        for (var i = 1; i <= 5; i++)
        {
            var candidate = EventTestData.Candidate(trackId: i);
            late.Add(candidate);
            Assert.True(recorder.TryRecord(candidate));
        }

        Assert.Equal(4, recorder.SnapshotsDropped);   // #0 and #1 hold the two frames until rendered
        Assert.All(late.Skip(1), c => Assert.Null(c.Frame));   // frames given up at once, not held
        gated.Open();
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 6, Timeout));
        var events = (await store.ListRecentAsync(10)).OrderBy(e => e.TrackId).ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5], events.Select(e => e.TrackId));
        Assert.Equal([true, true, false, false, false, false], events.Select(e => e.SnapshotId is not null));
        Assert.Equal(6, (await store.ListPendingAsync(10)).Count);
    }

    [Fact]
    public async Task Stopping_records_what_is_queued_and_later_candidates_are_refused()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var gated = new GatedEventStore(store);
        var recorder = EventTestData.Recorder(gated, _log);
        await recorder.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: i)));
        }

        var stopping = recorder.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        var late = EventTestData.Candidate(trackId: 99);
        Assert.False(recorder.TryRecord(late));
        Assert.Null(late.Frame);   // refused candidates are disposed too
        gated.Open();
        await stopping.WaitAsync(Timeout);
        Assert.Equal(3, (await store.ListRecentAsync(10)).Count);
        await recorder.DisposeAsync();
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Live_subscribers_see_each_stored_event()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var feed = new EventFeed();
        await using var recorder = EventTestData.Recorder(store, _log, feed);
        await recorder.StartAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(Timeout);
        var watching = feed.SubscribeAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = watching.MoveNextAsync();   // subscribes

        var startedAt = new DateTimeOffset(2026, 11, 29, 21, 4, 5, 120, TimeSpan.FromHours(8)).AddTicks(3456);
        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 5, startedAt: startedAt)));
        Assert.True(await next);
        Assert.Equal(EventChangeKind.Started, watching.Current.Kind);
        var live = watching.Current.Event;
        Assert.Equal(5, live.TrackId);
        Assert.Equal(DateTimeKind.Utc, live.StartedAt.Kind);
        Assert.Equal(new DateTime(2026, 11, 29, 13, 4, 5, 120, DateTimeKind.Utc), live.StartedAt);   // to the millisecond
        Assert.Equal(live, await store.GetAsync(live.Id) is { } s ? s with { Details = live.Details } : null);
        await watching.DisposeAsync();
    }

    [Fact]
    public async Task The_snapshot_shows_the_footage_with_the_box()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        await using var recorder = EventTestData.Recorder(store, _log);
        await recorder.StartAsync(CancellationToken.None);
        Assert.True(recorder.TryRecord(EventTestData.Candidate()));
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));

        var stored = Assert.Single(await store.ListRecentAsync(10));
        Assert.True(await Poll.UntilAsync(async () => await store.OpenSnapshotAsync(stored.Id) is not null, Timeout));   // attached after the event
        await using var snapshot = await store.OpenSnapshotAsync(stored.Id);
        Assert.NotNull(snapshot);
        using var bytes = new MemoryStream();
        await snapshot.CopyToAsync(bytes);
        using var image = Cv2.ImDecode(bytes.ToArray(), ImreadModes.Color);
        Assert.Equal(new Size(768, 576), image.Size());
        var edge = image.At<Vec3b>((int)(stored.Box.Y + stored.Box.Height / 2), (int)MathF.Round(stored.Box.X));
        Assert.True(edge.Item2 > 180 && edge.Item0 < 90, $"box edge should be red, got {edge}");
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task The_feed_says_when_an_events_snapshot_is_stored_after_the_event()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var feed = new EventFeed();
        await using var recorder = EventTestData.Recorder(store, _log, feed);
        await recorder.StartAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(Timeout);
        var watching = feed.SubscribeAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = watching.MoveNextAsync();   // subscribes

        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 7)));
        Assert.True(await next);
        Assert.Equal(EventChangeKind.Started, watching.Current.Kind);   // the event goes out before its picture is stored
        Assert.True(await watching.MoveNextAsync());
        Assert.Equal(EventChangeKind.SnapshotAttached, watching.Current.Kind);
        var id = watching.Current.Event.Id;
        Assert.NotNull(watching.Current.Event.SnapshotId);
        await using (var snapshot = await store.OpenSnapshotAsync(id))
        {
            Assert.NotNull(snapshot);   // announced only once it can be read
        }

        await watching.DisposeAsync();
        _log.AssertNoErrors();
    }

    private static async Task<int> CountStartsAsync(EventFeed feed, int expected, CancellationToken cancellationToken)
    {
        var count = 0;
        var changes = feed.SubscribeAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (count < expected && await changes.MoveNextAsync())
            {
                count += changes.Current.Kind == EventChangeKind.Started ? 1 : 0;
            }
        }
        finally
        {
            await changes.DisposeAsync();
        }

        return count;
    }
}
