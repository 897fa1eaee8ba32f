using Microsoft.Extensions.Logging;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>
/// A full disk (free space as the recorder measures it, set by the test) and a store that fails: snapshots dropped
/// and counted, events and alerts held in memory and still sent, written to the database when room returns.
/// </summary>
public sealed class EventRecorderFullDiskTests(ITestOutputHelper output) : IDisposable
{
    private const long Reserve = 4L * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);
    private long _free = 100L * 1024 * 1024;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Below_the_reserve_snapshots_are_dropped_and_counted_while_events_and_alerts_are_stored()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var space = Space();
        await using var recorder = EventTestData.Recorder(store, _log, space: space);
        var health = new StorageHealth(store, space, recorder, store);
        await recorder.StartAsync(CancellationToken.None);

        Interlocked.Exchange(ref _free, 3L * 1024 * 1024);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: i)));
        }

        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 5, Timeout));
        var events = await store.ListRecentAsync(10);
        Assert.All(events, e => Assert.Null(e.SnapshotId));   // and the alerts do not link to one
        Assert.Equal(5, (await store.ListPendingAsync(10)).Count);
        Assert.Equal(5, recorder.SnapshotsDropped);
        var status = health.Current;
        Assert.True(status.DiskFull);
        Assert.Equal(3L * 1024 * 1024, status.FreeBytes);
        Assert.Equal(5, status.SnapshotsDropped);
        Assert.Equal("ok", status.Database);
        Assert.Equal(0, status.HeldInMemory);

        // Room again (past the hysteresis): snapshots are stored again; one warning each way, not one per event.
        Interlocked.Exchange(ref _free, 100L * 1024 * 1024);
        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 9) with { EventId = "0190aaaabbbbccccddddeeeeffff0009" }));
        Assert.True(await Poll.UntilAsync(async () => await store.OpenSnapshotAsync("0190aaaabbbbccccddddeeeeffff0009") is not null, Timeout));
        Assert.False(health.Current.DiskFull);
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Disk full", StringComparison.Ordinal));
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Disk space is back", StringComparison.Ordinal));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Below_the_floor_events_are_held_in_memory_still_alert_and_are_written_when_room_returns()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var space = Space();
        var held = new HeldEvents();
        var outbox = new DurableAlertOutbox(store, held, _log.For<DurableAlertOutbox>());
        var feed = new EventFeed();
        using var cancel = new CancellationTokenSource(Timeout);
        var changes = feed.SubscribeAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = changes.MoveNextAsync();   // subscribes
        await using var recorder = EventTestData.Recorder(store, _log, feed, new EventRecorderSettings { FlushInterval = TimeSpan.FromMilliseconds(100) },
            composer: EventTestData.Composer(lifecycle: true), space: space, held: held);
        var health = new StorageHealth(store, space, recorder, outbox);
        await recorder.StartAsync(CancellationToken.None);

        // One event stored while there is room; then the disk is down to its last 100 KB.
        const string early = "0190aaaabbbbccccddddeeeeffff0100";
        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 100) with { EventId = early }));
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        // Its snapshot too (it is stored after the event): otherwise the disk could fill under it and drop an eleventh.
        Assert.True(await Poll.UntilAsync(async () => (await store.GetAsync(early))?.SnapshotId is not null && await store.OpenSnapshotAsync(early) is { } s && await Close(s), Timeout));
        var stored = await outbox.ListPendingAsync(10);
        await outbox.MarkDeliveredAsync(stored.Select(m => m.Sequence).ToList());
        Interlocked.Exchange(ref _free, 100 * 1024);

        var ids = Enumerable.Range(0, 10).Select(i => $"0190aaaabbbbccccddddeeeeffff{i:0000}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: i) with { EventId = id }));
        }

        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with { EventId = ids[3], Phase = EventPhase.Ended }));
        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with { EventId = early, Phase = EventPhase.Ended }));
        Assert.True(await Poll.UntilAsync(() => held.Count == 12, Timeout), $"{held.Count} held");

        // Nothing reached the file, yet every change was published and every message is there for the sender.
        Assert.Single(await store.ListRecentAsync(100));
        Assert.True(await first);
        // The early event's snapshot was stored while there was room: its SnapshotAttached change is not counted here.
        var published = new List<EventChange>();
        do
        {
            if (changes.Current.Kind != EventChangeKind.SnapshotAttached)
            {
                published.Add(changes.Current);
            }
        }
        while (published.Count < 13 && await changes.MoveNextAsync());

        Assert.Equal(11, published.Count(c => c.Kind == EventChangeKind.Started));
        Assert.Equal(2, published.Count(c => c.Kind == EventChangeKind.Ended));
        var pending = await outbox.ListPendingAsync(100);
        Assert.All(pending, m => Assert.True(m.Sequence < 0));
        Assert.Equal(ids.ToHashSet(), pending.Where(m => m.Topic == "watchpost/test-box/alerts").Select(m => m.EventId!).ToHashSet());
        Assert.Equal(22, pending.Count);   // 10 alerts, 10 starts, 2 ends
        var status = health.Current;
        Assert.True(status.DiskFull);
        Assert.Equal("unavailable", status.Database);
        Assert.Equal(12, status.HeldInMemory);
        Assert.Equal(10, recorder.SnapshotsDropped);
        Assert.Equal(22, (await outbox.CountAsync()).Pending);

        // The sender delivers the first four alerts from memory (and defers one message): they are not stored again.
        var delivered = pending.Where(m => m.Topic == "watchpost/test-box/alerts").Take(4).ToList();
        await outbox.MarkDeliveredAsync(delivered.Select(m => m.Sequence).ToList());
        Assert.Equal(18, (await outbox.ListPendingAsync(100)).Count);

        Interlocked.Exchange(ref _free, 100L * 1024 * 1024);
        Assert.True(await Poll.UntilAsync(() => held.Count == 0, Timeout), $"{held.Count} still held");
        var events = await store.ListRecentAsync(100);
        Assert.Equal(ids.Append(early).ToHashSet(), events.Select(e => e.Id).ToHashSet());
        Assert.NotNull(events.Single(e => e.Id == ids[3]).EndedAt);
        Assert.NotNull(events.Single(e => e.Id == early).EndedAt);
        var onDisk = await outbox.ListPendingAsync(100);
        Assert.Equal(18, onDisk.Count);
        Assert.All(onDisk, m => Assert.True(m.Sequence > 0));
        Assert.Empty(onDisk.Select(m => m.MessageId).Intersect(delivered.Select(m => m.MessageId)));
        Assert.Equal(11, recorder.Recorded);
        Assert.Equal("ok", health.Current.Database);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Event database cannot take writes", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Event database writable again", StringComparison.Ordinal));
        await changes.DisposeAsync();
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_store_that_throws_holds_events_in_memory_until_it_takes_them_again()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var failing = new FailingEventStore(store) { Failing = true };
        var held = new HeldEvents();
        var outbox = new DurableAlertOutbox(store, held);
        await using var recorder = EventTestData.Recorder(failing, _log, settings: new EventRecorderSettings { FlushInterval = TimeSpan.FromMilliseconds(100) }, held: held);
        await recorder.StartAsync(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: i)));
        }

        Assert.True(await Poll.UntilAsync(() => held.Count == 5, Timeout));
        Assert.Equal(5, (await outbox.ListPendingAsync(10)).Count);
        Assert.Empty(await store.ListRecentAsync(10));

        failing.Failing = false;
        Assert.True(await Poll.UntilAsync(() => held.Count == 0, Timeout));
        Assert.Equal(5, (await store.ListRecentAsync(10)).Count);
        Assert.Equal(5, (await store.ListPendingAsync(10)).Count);
        Assert.Equal(0, recorder.Lost);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task When_memory_is_full_too_the_oldest_held_are_kept_and_the_rest_counted_as_lost()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var held = new HeldEvents(capacity: 3);
        Interlocked.Exchange(ref _free, 0);
        await using var recorder = EventTestData.Recorder(store, _log, space: Space(), held: held);
        await recorder.StartAsync(CancellationToken.None);
        var ids = Enumerable.Range(0, 5).Select(i => $"0190aaaabbbbccccddddeeeeffff{i:0000}").ToList();
        foreach (var id in ids)
        {
            Assert.True(recorder.TryRecord(EventTestData.Candidate() with { EventId = id }));
        }

        Assert.True(await Poll.UntilAsync(() => recorder.Lost == 2, Timeout));
        Assert.Equal(3, held.Count);
        Assert.Equal(ids.Take(3).ToHashSet(), held.ListPending(10, DateTime.UtcNow).Select(m => m.EventId!).ToHashSet());
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("3 events are already held in memory", StringComparison.Ordinal));
    }

    private StorageSpace Space() => new(_folder.Path, Reserve, _log.For<StorageSpace>(), _ => Interlocked.Read(ref _free));

    private static async Task<bool> Close(Stream snapshot)
    {
        await snapshot.DisposeAsync();
        return true;
    }
}
